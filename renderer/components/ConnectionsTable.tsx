// The details table, virtualised: only the rows in view (plus a margin) are in the DOM, with spacer
// rows keeping the scroll height, so 5,000 connections render as fast as 50. Rows have a fixed
// height (CSS) for that reason. aria-rowcount/aria-rowindex tell screen readers the real size.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProcessFileInfo } from '../../shared/domain';
import type { ConnectionRow } from '../../shared/ipc/connection-rows';
import { domainText, endpoint } from '../../shared/ipc/connection-rows';
import type { SortKey } from './table-model';

export const ROW_HEIGHT = 36;
const OVERSCAN = 12;
// Without layout (jsdom, first paint) assume a typical window height.
const FALLBACK_VIEWPORT = 640;

const columns: { key: SortKey | 'flag' | 'signer' | 'actions'; sortable: boolean }[] = [
  { key: 'flag', sortable: false },
  { key: 'pid', sortable: true },
  { key: 'process', sortable: true },
  { key: 'path', sortable: true },
  { key: 'signer', sortable: false },
  { key: 'services', sortable: true },
  { key: 'remote', sortable: true },
  { key: 'state', sortable: true },
  { key: 'domain', sortable: true },
  { key: 'indicator', sortable: true },
  { key: 'source', sortable: true },
  { key: 'actions', sortable: false },
];

export interface TableProps {
  rows: readonly ConnectionRow[];
  sort: SortKey | null;
  descending: boolean;
  onSort: (key: SortKey) => void;
  onCopy: (row: ConnectionRow) => void;
  /** Opens the guided cleanup for a flagged row (the button shows on flagged rows only). */
  onCleanup?: (row: ConnectionRow) => void;
  /** Company, description and signer per path (Windows; asked for the rows in view). */
  files?: Readonly<Record<string, ProcessFileInfo>>;
  /** Called with the paths of the rows in view, so their file facts are asked for. */
  onVisiblePaths?: (paths: string[]) => void;
}

/** The path cell: the path and a disguise badge, or in words why there is none yet or at all. */
function PathCell({ r }: { r: ConnectionRow }) {
  const { t } = useTranslation();
  if (r.processPath === null) {
    if (r.pathStatus === null) return <td className="col-path" />;
    return (
      <td className={`col-path path-${r.pathStatus}`} aria-busy={r.pathStatus === 'pending' || undefined}>
        {t(`details.pathStatus.${r.pathStatus}`)}
      </td>
    );
  }
  const parent =
    r.parentPid === null ? '' : `${t('details.parent')}: ${r.parentName ?? '?'} (${r.parentPid})`;
  const title = [r.processPath, parent, r.commandLine ?? ''].filter((x) => x !== '').join('\n');
  return (
    <td className="col-path" title={title}>
      {r.disguise && <span className="badge badge-disguise">⚠ {t('details.disguise')}</span>} {r.processPath}
    </td>
  );
}

/** The signer cell: Authenticode signer (or its absence in words) and the company, pending until known. */
function SignerCell({ r, info }: { r: ConnectionRow; info: ProcessFileInfo | undefined }) {
  const { t } = useTranslation();
  if (r.processPath === null) {
    return (
      <td className="col-signer">{r.pathStatus === 'pending' ? t('details.pathStatus.pending') : ''}</td>
    );
  }
  if (!info) {
    return (
      <td className="col-signer path-pending" aria-busy="true">
        {t('details.pathStatus.pending')}
      </td>
    );
  }
  const signer = info.signer ?? (info.signature ? t('details.notSigned') : '');
  const title = [info.description, info.company, info.signature].filter((x) => x).join(' · ');
  return (
    <td className="col-signer" title={title || undefined}>
      {signer}
      {info.company && info.company !== info.signer ? (
        <span className="company"> · {info.company}</span>
      ) : null}
    </td>
  );
}

/** A sortable, virtualised table of connections, flagged rows marked in words and colour. */
export function ConnectionsTable({
  rows,
  sort,
  descending,
  onSort,
  onCopy,
  onCleanup,
  files,
  onVisiblePaths,
}: TableProps) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(FALLBACK_VIEWPORT);

  useEffect(() => {
    const el = scroller.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setViewport(el.clientHeight || FALLBACK_VIEWPORT));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const onScroll = useCallback(() => setScrollTop(scroller.current?.scrollTop ?? 0), []);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + viewport) / ROW_HEIGHT) + OVERSCAN);
  const visible = rows.slice(first, last);
  const span = columns.length;
  const visiblePaths = [...new Set(visible.flatMap((r) => (r.processPath === null ? [] : [r.processPath])))]
    .filter((p) => !files?.[p])
    .join('\n');
  useEffect(() => {
    if (visiblePaths !== '') onVisiblePaths?.(visiblePaths.split('\n'));
  }, [visiblePaths, onVisiblePaths]);

  return (
    <div
      className="table-scroll"
      ref={scroller}
      onScroll={onScroll}
      tabIndex={0}
      role="region"
      aria-label={t('details.table')}
    >
      <table aria-rowcount={rows.length + 1}>
        <caption className="visually-hidden">{t('details.table')}</caption>
        <thead>
          <tr aria-rowindex={1}>
            {columns.map(({ key, sortable }) => {
              const label = t(`details.col.${key}`);
              const sorted = sort === key;
              return (
                <th
                  key={key}
                  scope="col"
                  className={`col-${key}`}
                  aria-sort={sorted ? (descending ? 'descending' : 'ascending') : undefined}
                >
                  {sortable ? (
                    <button
                      type="button"
                      className="sort"
                      onClick={() => onSort(key as SortKey)}
                      aria-label={t('details.sortBy', { column: label })}
                    >
                      {label}
                      <span aria-hidden="true">{sorted ? (descending ? ' ▼' : ' ▲') : ''}</span>
                    </button>
                  ) : (
                    label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {first > 0 && (
            <tr aria-hidden="true" className="spacer">
              <td colSpan={span} style={{ height: first * ROW_HEIGHT }} />
            </tr>
          )}
          {visible.map((r, i) => (
            <tr key={r.id} aria-rowindex={first + i + 2} className={r.flagged ? 'row-flagged' : undefined}>
              <td className="col-flag">
                {r.flagged && <span className="badge">⚠ {t('details.flagged')}</span>}
              </td>
              <td className="col-pid">{r.pid ?? ''}</td>
              <td className="col-process">{r.processName ?? ''}</td>
              <PathCell r={r} />
              <SignerCell r={r} info={r.processPath === null ? undefined : files?.[r.processPath]} />
              <td className="col-services">{r.services.join(', ')}</td>
              <td className="col-remote">
                {endpoint(r.remoteAddress, r.remotePort)} <span className="proto">{r.protocol}</span>
              </td>
              <td className="col-state">{r.state}</td>
              <td className="col-domain" title={domainText(r) || undefined}>
                {domainText(r)}
              </td>
              <td className="col-indicator">{r.indicator ?? ''}</td>
              <td className="col-source">{r.source ?? ''}</td>
              <td className="col-actions">
                <button
                  type="button"
                  className="small"
                  onClick={() => onCopy(r)}
                  aria-label={t('details.copyRow', { pid: r.pid ?? '?' })}
                >
                  {t('details.copy')}
                </button>
                {r.flagged && onCleanup && (
                  <button
                    type="button"
                    className="small"
                    onClick={() => onCleanup(r)}
                    aria-label={t('cleanup.guide.actionRow', { pid: r.pid ?? '?' })}
                  >
                    {t('cleanup.guide.action')}
                  </button>
                )}
              </td>
            </tr>
          ))}
          {last < rows.length && (
            <tr aria-hidden="true" className="spacer">
              <td colSpan={span} style={{ height: (rows.length - last) * ROW_HEIGHT }} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
