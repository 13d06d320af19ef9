// Filtering, searching and sorting of the details table: pure, so it is tested without a DOM and
// the 5,000-row benchmark measures rendering, not this.
import type { ConnectionRow } from '../../shared/ipc/connection-rows';
import { domainText, endpoint } from '../../shared/ipc/connection-rows';
import { isEndedState, normaliseTcpState } from '../../shared/parsers/states';

export type SortKey =
  | 'pid'
  | 'process'
  | 'protocol'
  | 'local'
  | 'path'
  | 'services'
  | 'remote'
  | 'state'
  | 'domain'
  | 'indicator'
  | 'source';
export type Filter = 'all' | 'flagged' | 'established';
export interface View {
  filter: Filter;
  query: string;
  sort: SortKey | null;
  descending: boolean;
  /** Listening sockets (LISTEN) shown; default true. Flagged rows always show. */
  showListen?: boolean;
  /** Ended sockets (TIME_WAIT, CLOSED) shown; default true. Flagged rows always show. */
  showEnded?: boolean;
}

/** The local end as people read it: a listening socket on every address still shows its port. */
export const localEndpoint = (r: Pick<ConnectionRow, 'localAddress' | 'localPort'>): string =>
  r.localAddress === '' || r.localAddress === '*'
    ? `*:${r.localPort}`
    : endpoint(r.localAddress, r.localPort);

/** A listening socket, in any spelling the parsers keep (LISTEN, LISTENING). */
export const isListening = (r: Pick<ConnectionRow, 'state'>): boolean =>
  normaliseTcpState(r.state) === 'LISTEN';

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
    case 'local':
      return localEndpoint(r);
    case 'protocol':
      return r.protocol;
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
    localEndpoint(r),
    r.protocol,
  ]
    .join('\u0000')
    .toLowerCase();

/** Applies filter, toggles, search and sort; flagged rows always stay on top (sorted or not). */
export function applyView(rows: readonly ConnectionRow[], view: View): ConnectionRow[] {
  const q = view.query.trim().toLowerCase();
  const out = rows.filter(
    (r) =>
      (view.filter === 'all' || (view.filter === 'flagged' ? r.flagged : r.state === 'ESTABLISHED')) &&
      (r.flagged || view.showListen !== false || !isListening(r)) &&
      (r.flagged || view.showEnded !== false || !isEndedState(r.state)) &&
      (q === '' || haystack(r).includes(q)),
  );
  const key = view.sort;
  const dir = view.descending ? -1 : 1;
  const cmp = !key
    ? () => 0
    : key === 'pid'
      ? (a: ConnectionRow, b: ConnectionRow) => ((a.pid ?? -1) - (b.pid ?? -1)) * dir
      : key === 'local' || key === 'remote'
        ? (a: ConnectionRow, b: ConnectionRow) =>
            text(a, key).localeCompare(text(b, key), undefined, { numeric: true }) * dir
        : (a: ConnectionRow, b: ConnectionRow) => text(a, key).localeCompare(text(b, key)) * dir;
  // Array.prototype.sort is stable: unsorted rows keep their order within flagged and the rest.
  return out.sort((a, b) => Number(b.flagged) - Number(a.flagged) || cmp(a, b));
}
