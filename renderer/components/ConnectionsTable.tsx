// The details table, virtualised: only the rows in view (plus a margin) are in the DOM, with spacer
// rows keeping the scroll height, so 5,000 connections render as fast as 50. Rows have a fixed
// height (CSS) for that reason. aria-rowcount/aria-rowindex tell screen readers the real size.
// Columns have rem widths: a narrow or zoomed window scrolls sideways, and the action column is
// pinned at the right edge so its buttons are never cut off.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProcessFileInfo } from '../../shared/domain';
import type { ConnectionRow } from '../../shared/ipc/connection-rows';
import { domainText, endpoint } from '../../shared/ipc/connection-rows';
import type { LiveStatus } from '../../shared/scan/live-diff';
import { liveKey } from '../../shared/scan/live-diff';
import type { Column } from './table-columns';
import { COLUMNS, sortKeyOf } from './table-columns';
import type { SortKey } from './table-model';
import { localEndpoint } from './table-model';

export const ROW_HEIGHT = 36;
const OVERSCAN = 12;
// Without layout (jsdom, first paint) assume a typical window height.
const FALLBACK_VIEWPORT = 640;

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
  /** The columns shown (default: all). */
  columns?: readonly Column[];
  /** Selected rows by liveKey, for "copy selected rows". */
  selected?: ReadonlySet<string>;
  onSelect?: (keys: readonly string[], on: boolean) => void;
  /** Live mode: new and ended rows by liveKey (rows are keyed by liveKey then, so focus stays put). */
  live?: ReadonlyMap<string, LiveStatus> | null;
  /** What the body says when there is no row to show. */
  emptyText?: string;
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

/** The file cell: Authenticode signer (or its absence in words), company and description, pending until known. */
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
      {info.description ? <span className="company"> — {info.description}</span> : null}
    </td>
  );
}

/** One body cell of a column. */
function Cell({ c, r, info }: { c: Column['key']; r: ConnectionRow; info: ProcessFileInfo | undefined }) {
  switch (c) {
    case 'pid':
      return <td className="col-pid">{r.pid ?? ''}</td>;
    case 'process':
      return (
        <td className="col-process" title={r.processName ?? undefined}>
          {r.processName ?? ''}
        </td>
      );
    case 'protocol':
      return <td className="col-protocol">{r.protocol.toUpperCase()}</td>;
    case 'local':
      return (
        <td className="col-local" title={localEndpoint(r)}>
          {localEndpoint(r)}
        </td>
      );
    case 'remote':
      return (
        <td className="col-remote" title={endpoint(r.remoteAddress, r.remotePort)}>
          {endpoint(r.remoteAddress, r.remotePort)}
        </td>
      );
    case 'state':
      return (
        <td className="col-state" title={r.state || undefined}>
          {r.state}
        </td>
      );
    case 'domain':
      return (
        <td className="col-domain" title={domainText(r) || undefined}>
          {domainText(r)}
        </td>
      );
    case 'indicator':
      return <td className="col-indicator">{r.indicator ?? ''}</td>;
    case 'source':
      return (
        <td className="col-source" title={r.source ?? undefined}>
          {r.source ?? ''}
        </td>
      );
    case 'path':
      return <PathCell r={r} />;
    case 'signer':
      return <SignerCell r={r} info={info} />;
    case 'services':
      return (
        <td className="col-services" title={r.services.join(', ') || undefined}>
          {r.services.join(', ')}
        </td>
      );
    default:
      return null;
  }
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
  columns = COLUMNS,
  selected,
  onSelect,
  live,
  emptyText,
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
  const showsFiles = columns.some((c) => c.key === 'signer');
  // Only the rows in view, and only when their file column is shown: file facts cost Windows work.
  const visiblePaths = showsFiles
    ? [...new Set(visible.flatMap((r) => (r.processPath === null ? [] : [r.processPath])))]
        .filter((p) => !files?.[p])
        .join('\n')
    : '';
  useEffect(() => {
    if (visiblePaths !== '') onVisiblePaths?.(visiblePaths.split('\n'));
  }, [visiblePaths, onVisiblePaths]);

  const keys = rows.map(liveKey);
  const allSelected = rows.length > 0 && selected !== undefined && keys.every((k) => selected.has(k));
  const width = columns.reduce((sum, c) => sum + c.width, 0);

  return (
    <div
      className="table-scroll"
      ref={scroller}
      onScroll={onScroll}
      tabIndex={0}
      role="region"
      aria-label={t('details.table')}
    >
      <table aria-rowcount={rows.length + 1} style={{ width: `${width}rem` }}>
        <caption className="visually-hidden">{t('details.table')}</caption>
        <colgroup>
          {columns.map((c) => (
            <col key={c.key} style={{ width: `${c.width}rem` }} />
          ))}
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            {columns.map((c) => {
              const label = t(`details.col.${c.key}`);
              const key = sortKeyOf(c);
              const sorted = key !== null && sort === key;
              return (
                <th
                  key={c.key}
                  scope="col"
                  className={`col-${c.key}`}
                  aria-sort={sorted ? (descending ? 'descending' : 'ascending') : undefined}
                >
                  {c.key === 'flag' && onSelect ? (
                    <label className="select-all">
                      <input
                        type="checkbox"
                        checked={allSelected}
                        disabled={rows.length === 0}
                        onChange={(e) => onSelect(keys, e.target.checked)}
                        aria-label={t('details.selectAll')}
                      />
                      <span>{label}</span>
                    </label>
                  ) : key ? (
                    <button
                      type="button"
                      className="sort"
                      onClick={() => onSort(key)}
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
          {rows.length === 0 && emptyText && (
            <tr className="empty">
              <td colSpan={span}>{emptyText}</td>
            </tr>
          )}
          {first > 0 && (
            <tr aria-hidden="true" className="spacer">
              <td colSpan={span} style={{ height: first * ROW_HEIGHT }} />
            </tr>
          )}
          {visible.map((r, i) => {
            const key = keys[first + i];
            const status = live?.get(key);
            const classes = [r.flagged ? 'row-flagged' : '', status ? `row-${status}` : '']
              .filter((x) => x !== '')
              .join(' ');
            const info = r.processPath === null ? undefined : files?.[r.processPath];
            const remote = endpoint(r.remoteAddress, r.remotePort);
            return (
              <tr key={live ? key : r.id} aria-rowindex={first + i + 2} className={classes || undefined}>
                {columns.map((c) =>
                  c.key === 'flag' ? (
                    <td key="flag" className="col-flag">
                      {onSelect && (
                        <input
                          type="checkbox"
                          checked={selected?.has(key) ?? false}
                          onChange={(e) => onSelect([key], e.target.checked)}
                          aria-label={t('details.selectRow', { pid: r.pid ?? '?', remote })}
                        />
                      )}
                      {r.flagged && <span className="badge">⚠ {t('details.flagged')}</span>}
                      {status && (
                        <span className={`live-badge live-${status}`}>{t(`details.live.${status}`)}</span>
                      )}
                    </td>
                  ) : c.key === 'actions' ? (
                    <td key="actions" className="col-actions">
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
                  ) : (
                    <Cell key={c.key} c={c.key} r={r} info={info} />
                  ),
                )}
              </tr>
            );
          })}
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
