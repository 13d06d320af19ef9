// The details table's controls: search, filter, listening/ended toggles, the column menu, live mode
// (start, pause, stop) and copying the selected rows. State lives in DetailsScreen.
import { useTranslation } from 'react-i18next';
import type { ColumnKey, TablePrefs } from './table-columns';
import { HIDEABLE } from './table-columns';
import type { Filter } from './table-model';
import type { LiveRows } from './use-live-rows';

export interface ToolbarProps {
  query: string;
  onQuery: (q: string) => void;
  filter: Filter;
  onFilter: (f: Filter) => void;
  prefs: TablePrefs;
  onPrefs: (p: TablePrefs) => void;
  live: LiveRows;
  selectedCount: number;
  onCopySelected: () => void;
  onClearSelection: () => void;
  onExport: (format: 'csv' | 'json') => void;
}

/** Local time of a live snapshot, HH:mm:ss. */
const clock = (iso: string) => {
  const d = new Date(iso);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
};

/** The two toolbar rows above the details table. */
export function DetailsToolbar(p: ToolbarProps) {
  const { t } = useTranslation();
  const toggleColumn = (key: ColumnKey, shown: boolean) =>
    p.onPrefs({
      ...p.prefs,
      hidden: shown ? p.prefs.hidden.filter((k) => k !== key) : [...p.prefs.hidden, key],
    });
  return (
    <>
      <div className="toolbar">
        <label>
          {t('details.search')}
          <input type="search" value={p.query} onChange={(e) => p.onQuery(e.target.value)} />
        </label>
        <label>
          {t('details.filter')}
          <select value={p.filter} onChange={(e) => p.onFilter(e.target.value as Filter)}>
            <option value="all">{t('details.filterAll')}</option>
            <option value="flagged">{t('details.filterFlagged')}</option>
            <option value="established">{t('details.filterEstablished')}</option>
          </select>
        </label>
        <fieldset className="toggles">
          <legend>{t('details.alsoShow')}</legend>
          <label className="inline">
            <input
              type="checkbox"
              checked={p.prefs.showListen}
              onChange={(e) => p.onPrefs({ ...p.prefs, showListen: e.target.checked })}
            />
            {t('details.showListen')}
          </label>
          <label className="inline">
            <input
              type="checkbox"
              checked={p.prefs.showEnded}
              onChange={(e) => p.onPrefs({ ...p.prefs, showEnded: e.target.checked })}
            />
            {t('details.showEnded')}
          </label>
        </fieldset>
        <details className="columns-menu">
          <summary>{t('details.columns')}</summary>
          <fieldset aria-label={t('details.columns')}>
            {HIDEABLE.map((key) => (
              <label key={key} className="inline">
                <input
                  type="checkbox"
                  checked={!p.prefs.hidden.includes(key)}
                  onChange={(e) => toggleColumn(key, e.target.checked)}
                />
                {t(`details.col.${key}`)}
              </label>
            ))}
          </fieldset>
        </details>
      </div>
      <div className="toolbar">
        {p.live.on ? (
          <>
            <button
              type="button"
              aria-pressed={p.live.paused}
              onClick={() => p.live.setPaused(!p.live.paused)}
            >
              {p.live.paused ? t('details.live.resume') : t('details.live.pause')}
            </button>
            <button type="button" onClick={p.live.stop}>
              {t('details.live.stop')}
            </button>
          </>
        ) : (
          <button type="button" onClick={p.live.start}>
            {t('details.live.start')}
          </button>
        )}
        <button type="button" disabled={p.selectedCount === 0} onClick={p.onCopySelected}>
          {t('details.copySelected', { count: p.selectedCount })}
        </button>
        {p.selectedCount > 0 && (
          <button type="button" onClick={p.onClearSelection}>
            {t('details.clearSelection')}
          </button>
        )}
        <button type="button" onClick={() => p.onExport('csv')}>
          {t('details.exportCsv')}
        </button>
        <button type="button" onClick={() => p.onExport('json')}>
          {t('details.exportJson')}
        </button>
      </div>
      {p.live.error && !p.live.on && (
        <p className="note" role="alert">
          {t('details.live.failed')} {p.live.error.message}
          {p.live.error.hint ? ` ${p.live.error.hint}` : ''}
        </p>
      )}
      {p.live.on && (
        <p className="note live-note">
          {p.live.paused
            ? t('details.live.pausedAt', { time: p.live.updatedAt ? clock(p.live.updatedAt) : '—' })
            : t('details.live.running', { time: p.live.updatedAt ? clock(p.live.updatedAt) : '—' })}
        </p>
      )}
    </>
  );
}
