// The columns of the details table: order, width, which ones a person may hide, and the choice kept
// between runs (localStorage; a broken or foreign value falls back to the defaults). Widths are in
// rem so the table keeps readable columns at any zoom and scrolls sideways in a narrow window; the
// action column stays pinned at the right edge (CSS), so its buttons are never cut off.
import type { SortKey } from './table-model';

export type ColumnKey =
  | 'flag'
  | 'pid'
  | 'process'
  | 'protocol'
  | 'local'
  | 'remote'
  | 'state'
  | 'domain'
  | 'indicator'
  | 'source'
  | 'path'
  | 'signer'
  | 'services'
  | 'actions';

export interface Column {
  key: ColumnKey;
  sortable: boolean;
  /** Width in rem. */
  width: number;
  /** Hideable columns are listed in the "Columns" menu; the flag and action columns always show. */
  hideable: boolean;
}

/** Most useful first: at 1366×768 everything up to the state fits beside the actions without sideways scroll. */
export const COLUMNS: readonly Column[] = [
  { key: 'flag', sortable: false, width: 10, hideable: false },
  { key: 'pid', sortable: true, width: 4.5, hideable: true },
  { key: 'process', sortable: true, width: 8, hideable: true },
  { key: 'protocol', sortable: true, width: 4.5, hideable: true },
  { key: 'local', sortable: true, width: 10, hideable: true },
  { key: 'remote', sortable: true, width: 11, hideable: true },
  { key: 'state', sortable: true, width: 8, hideable: true },
  { key: 'domain', sortable: true, width: 11, hideable: true },
  { key: 'indicator', sortable: true, width: 9, hideable: true },
  { key: 'source', sortable: true, width: 8, hideable: true },
  { key: 'path', sortable: true, width: 16, hideable: true },
  { key: 'signer', sortable: false, width: 15, hideable: true },
  { key: 'services', sortable: true, width: 8, hideable: true },
  { key: 'actions', sortable: false, width: 10, hideable: false },
];

export const HIDEABLE = COLUMNS.filter((c) => c.hideable).map((c) => c.key);

/** What the table shows besides the columns: listening ports and ended (TIME_WAIT…) sockets. */
export interface TablePrefs {
  hidden: ColumnKey[];
  showListen: boolean;
  showEnded: boolean;
}

export const DEFAULT_PREFS: TablePrefs = { hidden: [], showListen: true, showEnded: true };
export const PREFS_KEY = 'sachmadoc.details.v1';

/** Reads the kept choice; anything unreadable gives the defaults (never an error for the person). */
export function parsePrefs(text: string | null): TablePrefs {
  if (!text) return DEFAULT_PREFS;
  try {
    const v = JSON.parse(text) as Partial<Record<keyof TablePrefs, unknown>>;
    const hidden = Array.isArray(v.hidden)
      ? HIDEABLE.filter((k) => (v.hidden as unknown[]).includes(k))
      : DEFAULT_PREFS.hidden;
    return {
      hidden,
      showListen: typeof v.showListen === 'boolean' ? v.showListen : DEFAULT_PREFS.showListen,
      showEnded: typeof v.showEnded === 'boolean' ? v.showEnded : DEFAULT_PREFS.showEnded,
    };
  } catch {
    return DEFAULT_PREFS;
  }
}

/** The columns shown, in table order. */
export function visibleColumns(hidden: readonly ColumnKey[]): Column[] {
  return COLUMNS.filter((c) => !c.hideable || !hidden.includes(c.key));
}

/** Whether a column's header is a sort button, and its sort key. */
export const sortKeyOf = (c: Column): SortKey | null => (c.sortable ? (c.key as SortKey) : null);
