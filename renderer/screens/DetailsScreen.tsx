// Details for IT staff: every connection, searchable, filterable, sortable, flagged first; copy a row;
// export CSV or JSON through main (save dialog in Electron, a download in the harness).
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionRow } from '../../shared/ipc/connection-rows';
import { csvHeader, rowCells } from '../../shared/ipc/connection-rows';
import { useApi, useApp } from '../app-context';
import { ConnectionsTable } from '../components/ConnectionsTable';
import { BlockedAndRecent } from '../components/ScanInformation';
import { targetOfRow } from '../components/cleanup-target';
import { deliverExport } from '../components/download';
import type { Filter, SortKey } from '../components/table-model';
import { applyView } from '../components/table-model';

/** The details screen. */
export function DetailsScreen() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const rows = useApp((s) => s.rows);
  const report = useApp((s) => s.report);
  const startCleanup = useApp((s) => s.startCleanup);
  const files = useApp((s) => s.files);
  const loadFileInfo = useApp((s) => s.loadFileInfo);
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<Filter>('all');
  const [sort, setSort] = useState<SortKey | null>(null);
  const [descending, setDescending] = useState(false);
  const [note, setNote] = useState('');
  const shown = useMemo(
    () => applyView(rows, { query, filter, sort, descending }),
    [rows, query, filter, sort, descending],
  );
  const flagged = useMemo(() => rows.filter((r) => r.flagged).length, [rows]);

  const onSort = (key: SortKey) => {
    setDescending(sort === key ? !descending : false);
    setSort(key);
  };
  const onCopy = async (row: ConnectionRow) => {
    const lang = i18n.language === 'en' ? 'en' : 'vi';
    const text = `${csvHeader(lang).join('\t')}\n${rowCells(row, lang).join('\t')}`;
    const r = await api.app.copyText({ text });
    if (r.ok && r.value.copied) return setNote(t('details.copied'));
    try {
      await navigator.clipboard.writeText(text);
      setNote(t('details.copied'));
    } catch {
      setNote(t('errors.copyFailed'));
    }
  };
  const onExport = async (format: 'csv' | 'json') => {
    setNote(deliverExport(await api.export.connections({ format }), t));
  };

  return (
    <section aria-labelledby="details-title" className="details">
      <h1 id="details-title" tabIndex={-1}>
        {t('details.title')}
      </h1>
      {!report ? (
        <p>{t('details.none')}</p>
      ) : (
        <>
          <div className="toolbar">
            <label>
              {t('details.search')}
              <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
            </label>
            <label>
              {t('details.filter')}
              <select value={filter} onChange={(e) => setFilter(e.target.value as Filter)}>
                <option value="all">{t('details.filterAll')}</option>
                <option value="flagged">{t('details.filterFlagged')}</option>
                <option value="established">{t('details.filterEstablished')}</option>
              </select>
            </label>
            <button type="button" onClick={() => void onExport('csv')}>
              {t('details.exportCsv')}
            </button>
            <button type="button" onClick={() => void onExport('json')}>
              {t('details.exportJson')}
            </button>
          </div>
          <p className="note" aria-live="polite">
            {t('details.shown', { shown: shown.length, total: rows.length, flagged })}
          </p>
          <p role="status" className="note">
            {note}
          </p>
          <ConnectionsTable
            rows={shown}
            sort={sort}
            descending={descending}
            onSort={onSort}
            onCopy={(r) => void onCopy(r)}
            onCleanup={(r) => startCleanup(targetOfRow(r))}
            files={files}
            onVisiblePaths={(paths) => void loadFileInfo(paths)}
          />
          <BlockedAndRecent report={report} />
          {report.warnings.length > 0 && (
            <details>
              <summary>{t('details.warnings')}</summary>
              <ul>
                {report.warnings.map((w, i) => (
                  <li key={i}>
                    {w.text ? (
                      t(w.text.code, w.text.params ?? {})
                    ) : (
                      <>
                        <code>{w.line > 0 ? `${w.file}:${w.line}` : w.file}</code> {w.message}
                      </>
                    )}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
    </section>
  );
}
