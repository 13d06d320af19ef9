// "Giám sát mạng" for IT staff: choose gateway, firewall, DNS or proxy log files or folders, read
// them against the campaign feed with a progress bar (bytes and lines) and a stop button, then the
// devices that contacted campaign indicators, and the exports (the leaders' HTML page, CSV, JSON).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HuntReport } from '../../shared/logs/report';
import type { IpcError } from '../../shared/ipc/contract';
import { useApi } from '../app-context';
import { deliverExport } from '../components/download';
import { SaveCaptures } from '../components/SaveCaptures';
import { TechnicalDetails } from '../components/TechnicalDetails';
import { errorWords } from '../error-text';
import { formatDateTime, formatNumber } from '../../shared/format';
import { parseUserTime } from '../../shared/logs/time';

interface Progress {
  bytes: number;
  totalBytes: number;
  lines: number;
}

const mb = (n: number, lang: string): string => formatNumber(n / 1_048_576, lang, 1);

/** The network-monitoring screen. */
export function HuntScreen() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const lang = i18n.language;
  const [paths, setPaths] = useState('');
  const [since, setSince] = useState('');
  const [until, setUntil] = useState('');
  const [canPick, setCanPick] = useState(false);
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [report, setReport] = useState<HuntReport | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [note, setNote] = useState('');
  const [summary, setSummary] = useState<{ json: string | null; missing: string | null } | null>(null);
  const [sentNote, setSentNote] = useState('');
  // A From/To that does not read is said beside its field before anything runs.
  const [timeError, setTimeError] = useState<{ field: 'since' | 'until'; text: string } | null>(null);

  useEffect(() => {
    let live = true;
    void api.app.info().then((r) => {
      if (live && r.ok) setCanPick(r.value.runtime === 'electron');
    });
    return () => {
      live = false;
    };
  }, [api]);

  const list = paths
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);

  const pick = async (folders: boolean) => {
    const r = await api.hunt.pick({ folders });
    if (r.ok && r.value.paths.length > 0) setPaths([...list, ...r.value.paths].join('\n'));
  };

  const start = async () => {
    for (const [field, value, end] of [
      ['since', since, false],
      ['until', until, true],
    ] as const) {
      const ms = parseUserTime(value, end, null);
      if (ms !== undefined && ms !== ms) {
        const code = field === 'since' ? 'msg.hunt.badSince' : 'msg.hunt.badUntil';
        setTimeError({ field, text: `${t(code, { value: value.trim() })} ${t('msg.hunt.timeHint')}` });
        return;
      }
    }
    setTimeError(null);
    setRunning(true);
    setError(null);
    setNote('');
    setProgress({ bytes: 0, totalBytes: 0, lines: 0 });
    const off = api.hunt.onProgress((p) => setProgress(p));
    try {
      const r = await api.hunt.run({
        paths: list,
        ...(since.trim() ? { since } : {}),
        ...(until.trim() ? { until } : {}),
      });
      if (r.ok) setReport(r.value);
      else setError(r.error);
    } finally {
      off();
      setRunning(false);
    }
  };

  // The summary for the tally is shown exactly as it will be sent, and sent only on a second press.
  const showSummary = async () => {
    setSentNote('');
    const r = await api.hunt.summary();
    if (!r.ok) return setError(r.error);
    setSummary({
      json: r.value.summary ? JSON.stringify(r.value.summary, null, 2) : null,
      missing: r.value.missing,
    });
  };
  const sendSummary = async () => {
    const r = await api.hunt.summarySend();
    if (!r.ok) return setError(r.error);
    setSentNote(t(r.value.status === 'stored' ? 'hunt.summarySent' : 'hunt.summaryReplaced'));
  };

  const onExport = async (format: 'html' | 'csv' | 'json') => {
    setNote(deliverExport(await api.hunt.export({ format }), t));
  };

  const when = (iso: string | undefined) => (iso ? formatDateTime(iso, lang) : '—');
  const linesRead = report ? report.files.reduce((n, f) => n + f.lines, 0) : 0;

  return (
    <section aria-labelledby="hunt-title" className="hunt">
      <h1 id="hunt-title" tabIndex={-1}>
        {t('hunt.title')}
      </h1>
      <p>{t('hunt.intro')}</p>
      <div className="hunt-form">
        <label>
          {t('hunt.paths')}
          <textarea
            rows={3}
            value={paths}
            onChange={(e) => setPaths(e.target.value)}
            placeholder={t('hunt.pathsPlaceholder')}
            spellCheck={false}
          />
        </label>
        {canPick && (
          <div className="toolbar">
            <button type="button" onClick={() => void pick(false)} disabled={running}>
              {t('hunt.pickFiles')}
            </button>
            <button type="button" onClick={() => void pick(true)} disabled={running}>
              {t('hunt.pickFolders')}
            </button>
          </div>
        )}
        <div className="toolbar">
          <label>
            {t('hunt.since')}
            <input
              value={since}
              onChange={(e) => setSince(e.target.value)}
              placeholder={t('hunt.sincePlaceholder')}
              inputMode="numeric"
              aria-describedby="hunt-time-format"
              aria-invalid={timeError?.field === 'since' || undefined}
            />
          </label>
          <label>
            {t('hunt.until')}
            <input
              value={until}
              onChange={(e) => setUntil(e.target.value)}
              placeholder={t('hunt.untilPlaceholder')}
              inputMode="numeric"
              aria-describedby="hunt-time-format"
              aria-invalid={timeError?.field === 'until' || undefined}
            />
          </label>
        </div>
        <p id="hunt-time-format" className="note">
          {t('hunt.timeFormat')}
        </p>
        {timeError && (
          <p role="alert" className="error">
            {timeError.text}
          </p>
        )}
        <div className="toolbar">
          <button
            type="button"
            className="primary"
            onClick={() => void start()}
            disabled={running || list.length === 0}
          >
            {t('hunt.start')}
          </button>
          {running && (
            <button type="button" onClick={() => void api.hunt.cancel()}>
              {t('hunt.stop')}
            </button>
          )}
        </div>
      </div>
      {running && progress && (
        <div className="hunt-progress">
          <progress
            aria-label={t('hunt.progressLabel')}
            max={progress.totalBytes || 1}
            value={Math.min(progress.bytes, progress.totalBytes || 1)}
          />
          <p aria-live="polite">
            {t('hunt.progress', {
              read: mb(progress.bytes, lang),
              total: mb(progress.totalBytes, lang),
              lines: formatNumber(progress.lines, lang),
            })}
          </p>
        </div>
      )}
      {error && (
        <div role="alert" className="error">
          <p>{errorWords(t, error).message}</p>
          {errorWords(t, error).hint && <p>{errorWords(t, error).hint}</p>}
          <TechnicalDetails text={errorWords(t, error).technical} />
        </div>
      )}
      {report && !running && (
        <>
          <p
            role="status"
            className={report.devices.length > 0 ? 'verdict verdict-bad' : 'verdict verdict-ok'}
          >
            {report.devices.length > 0
              ? t('hunt.found', { devices: report.devices.length, indicators: report.indicators.length })
              : t('hunt.none')}
          </p>
          <p className="note">
            {t('hunt.read', {
              files: report.files.length,
              lines: formatNumber(linesRead, lang),
            })}
          </p>
          <div className="toolbar">
            <button type="button" onClick={() => void onExport('html')}>
              {t('hunt.exportHtml')}
            </button>
            <button type="button" onClick={() => void onExport('csv')}>
              {t('hunt.exportCsv')}
            </button>
            <button type="button" onClick={() => void onExport('json')}>
              {t('hunt.exportJson')}
            </button>
            <button type="button" onClick={() => void showSummary()}>
              {t('hunt.summaryShow')}
            </button>
          </div>
          {summary && (
            <div className="hunt-summary" aria-live="polite">
              {summary.json ? (
                <>
                  <p>{t('hunt.summaryIntro')}</p>
                  <pre aria-label={t('hunt.summaryLabel')}>{summary.json}</pre>
                  <button type="button" onClick={() => void sendSummary()}>
                    {t('hunt.summarySend')}
                  </button>
                </>
              ) : (
                <p>{t(`hunt.summaryMissing.${summary.missing ?? 'hunt'}`)}</p>
              )}
              {sentNote && <p className="note">{sentNote}</p>}
            </div>
          )}
          <p className="note" aria-live="polite">
            {note}
          </p>
          {report.devices.length > 0 && (
            <table className="hunt-devices">
              <caption>{t('hunt.devicesCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('hunt.device')}</th>
                  <th scope="col">{t('hunt.indicators')}</th>
                  <th scope="col">{t('hunt.count')}</th>
                  <th scope="col">{t('hunt.first')}</th>
                  <th scope="col">{t('hunt.last')}</th>
                  <th scope="col">{t('hunt.evidence')}</th>
                </tr>
              </thead>
              <tbody>
                {report.devices.map((d) => (
                  <tr key={d.address}>
                    <th scope="row">
                      {d.address}
                      {((d.hostname && d.hostname !== d.address) || d.mac) && (
                        <div className="note">
                          {[d.hostname !== d.address ? d.hostname : undefined, d.mac]
                            .filter(Boolean)
                            .join(' · ')}
                        </div>
                      )}
                      {d.translated && (
                        <div className="note">{t('hunt.nat', { list: d.translated.join(', ') })}</div>
                      )}
                    </th>
                    <td>
                      <ul>
                        {d.indicators.map((i) => (
                          <li key={`${i.kind}:${i.indicator}`}>
                            <code>{i.indicator}</code> ×{i.count}
                            {i.ports.length > 0 && ` (${t('hunt.ports')} ${i.ports.join(', ')})`}
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td>{d.count}</td>
                    <td>{when(d.firstSeen)}</td>
                    <td>{when(d.lastSeen)}</td>
                    <td>
                      {d.evidence[0] && (
                        <code>
                          {d.evidence[0].file.split(/[\\/]/).pop()}:{d.evidence[0].line}
                        </code>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {report.warningCount > 0 && (
            <details>
              <summary>{t('hunt.warnings', { count: report.warningCount })}</summary>
              <ul>
                {report.warnings.map((w, i) => (
                  <li key={i}>
                    <code>
                      {w.file}
                      {w.line > 0 ? `:${w.line}` : ''}
                    </code>{' '}
                    {w.message}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
      <SaveCaptures />
    </section>
  );
}
