// Filtering, searching and sorting of the details table: pure, so it is tested without a DOM and
// the 5,000-row benchmark measures rendering, not this.
import type { ConnectionRow } from '../../shared/ipc/connection-rows';
import { domainText, endpoint } from '../../shared/ipc/connection-rows';

export type SortKey =
  'pid' | 'process' | 'path' | 'services' | 'remote' | 'state' | 'domain' | 'indicator' | 'source';
export type Filter = 'all' | 'flagged' | 'established';
export interface View {
  filter: Filter;
  query: string;
  sort: SortKey | null;
  descending: boolean;
}

const text = (r: ConnectionRow, key: SortKey): string => {
  switch (key) {
    case 'pid':
      return r.pid === null ? '' : String(r.pid);
    case 'process':
      return r.processName ?? '';
    case 'path':
      return r.processPath ?? '';
    case 'services':
      return r.services.join(' ');
    case 'remote':
      return endpoint(r.remoteAddress, r.remotePort);
    case 'state':
      return r.state;
    case 'domain':
      return domainText(r);
    default:
      return r[key] ?? '';
  }
};

/** The haystack a search looks in: every visible cell of the row, lower-cased. */
const haystack = (r: ConnectionRow) =>
  [
    ...(
      ['pid', 'process', 'path', 'services', 'remote', 'state', 'domain', 'indicator', 'source'] as const
    ).map((k) => text(r, k)),
    endpoint(r.localAddress, r.localPort),
    r.protocol,
  ]
    .join('\u0000')
    .toLowerCase();

/** Applies filter, search and sort; flagged rows always stay on top. */
export function applyView(rows: readonly ConnectionRow[], view: View): ConnectionRow[] {
  const q = view.query.trim().toLowerCase();
  let out = rows.filter(
    (r) =>
      (view.filter === 'all' || (view.filter === 'flagged' ? r.flagged : r.state === 'ESTABLISHED')) &&
      (q === '' || haystack(r).includes(q)),
  );
  const key = view.sort;
  if (key) {
    const dir = view.descending ? -1 : 1;
    const cmp =
      key === 'pid'
        ? (a: ConnectionRow, b: ConnectionRow) => ((a.pid ?? -1) - (b.pid ?? -1)) * dir
        : (a: ConnectionRow, b: ConnectionRow) => text(a, key).localeCompare(text(b, key)) * dir;
    out = [...out].sort((a, b) => Number(b.flagged) - Number(a.flagged) || cmp(a, b));
  }
  return out;
}
