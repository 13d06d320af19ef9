// Details for IT staff: every connection, searchable, filterable, sortable, flagged first; columns
// to show or hide and LISTEN/TIME_WAIT toggles (kept between runs); live mode (a snapshot a second,
// new rows highlighted, ended rows greyed); copy one row or the selected rows; export CSV or JSON
// through main (save dialog in Electron, a download in the harness).
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionRow } from '../../shared/ipc/connection-rows';
import { rowsToTsv } from '../../shared/ipc/connection-rows';
import { liveKey } from '../../shared/scan/live-diff';
import { useApi, useApp } from '../app-context';
import { ConnectionsTable } from '../components/ConnectionsTable';
import { DetailsToolbar } from '../components/DetailsToolbar';
import { BlockedAndRecent } from '../components/ScanInformation';
import { targetOfRow } from '../components/cleanup-target';
import { deliverExport } from '../components/download';
import type { TablePrefs } from '../components/table-columns';
import { parsePrefs, PREFS_KEY, visibleColumns } from '../components/table-columns';
import type { Filter, SortKey } from '../components/table-model';
import { applyView } from '../components/table-model';
import { useLiveRows } from '../components/use-live-rows';

// localStorage can be missing or refuse (a locked-down profile): the defaults then, never an error.
function loadPrefs(): TablePrefs {
  try {
    return parsePrefs(window.localStorage.getItem(PREFS_KEY));
  } catch {
    return parsePrefs(null);
  }
}
function savePrefs(prefs: TablePrefs): void {
  try {
    window.localStorage.setItem(PREFS_KEY, JSON.stringify(prefs));
  } catch {
    // Not kept; the choice still applies until the app closes.
  }
}

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
  const [prefs, setPrefs] = useState<TablePrefs>(loadPrefs);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const live = useLiveRows(api, rows);
  const onVisiblePaths = useCallback((paths: string[]) => void loadFileInfo(paths), [loadFileInfo]);
  useEffect(() => savePrefs(prefs), [prefs]);

  const shown = useMemo(
    () =>
      applyView(live.rows, {
        query,
        filter,
        sort,
        descending,
        showListen: prefs.showListen,
        showEnded: prefs.showEnded,
      }),
    [live.rows, query, filter, sort, descending, prefs.showListen, prefs.showEnded],
  );
  const flagged = useMemo(() => live.rows.filter((r) => r.flagged).length, [live.rows]);
  const columns = useMemo(() => visibleColumns(prefs.hidden), [prefs.hidden]);

  const onSort = (key: SortKey) => {
    setDescending(sort === key ? !descending : false);
    setSort(key);
  };
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const copy = async (text: string, done: string) => {
    const r = await api.app.copyText({ text });
    if (r.ok && r.value.copied) return setNote(done);
    try {
      await navigator.clipboard.writeText(text);
      setNote(done);
    } catch {
      setNote(t('errors.copyFailed'));
    }
  };
  const onCopy = (row: ConnectionRow) => copy(rowsToTsv([row], lang), t('details.copied'));
  const chosen = shown.filter((r) => selected.has(liveKey(r)));
  const onCopySelected = () =>
    copy(rowsToTsv(chosen, lang), t('details.copiedRows', { count: chosen.length }));
  const onSelect = (keys: readonly string[], on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      for (const k of keys)
        if (on) next.add(k);
        else next.delete(k);
      return next;
    });
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
          <DetailsToolbar
            query={query}
            onQuery={setQuery}
            filter={filter}
            onFilter={setFilter}
            prefs={prefs}
            onPrefs={setPrefs}
            live={live}
            selectedCount={chosen.length}
            onCopySelected={() => void onCopySelected()}
            onClearSelection={() => setSelected(new Set())}
            onExport={(f) => void onExport(f)}
          />
          {/* Live mode changes the count every second: announced only when a person filters or searches. */}
          <p className="note" aria-live={live.on && !live.paused ? 'off' : 'polite'}>
            {t('details.shown', { shown: shown.length, total: live.rows.length, flagged })}
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
            onVisiblePaths={onVisiblePaths}
            columns={columns}
            selected={selected}
            onSelect={onSelect}
            live={live.on ? live.status : null}
            emptyText={live.rows.length > 0 ? t('details.noMatch') : t('details.empty')}
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
