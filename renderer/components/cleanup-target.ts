// What the guided cleanup works on: a flagged connection row or a licensing sign. The `item` key
// names it to main, which keeps one cleanup session per item.
import type { Finding } from '../../shared/domain';
import type { ConnectionRow } from '../../shared/ipc/connection-rows';

export interface CleanupTarget {
  item: string;
  kind: 'connection' | 'sign';
  pid: number | null;
  processName: string | null;
  processPath: string | null;
  remoteAddress: string | null;
  remotePort: number | null;
  /** The indicator's name when a domain indicator flagged the connection (the re-scan watches its DNS lookups). */
  domain?: string | null;
  /** For a sign: its indicator (name), evidence line and advice. */
  sign?: {
    name: string;
    evidence: string | null;
    advice: Finding['advice'] | null;
    /** What kind of sign (a hosts activation block gets the guided hosts-file step). */
    kind?: Finding['kind'];
  };
}

/** The cleanup target of a flagged details row. */
export function targetOfRow(r: ConnectionRow): CleanupTarget {
  return {
    item: `conn:${r.pid ?? ''}:${r.remoteAddress}:${r.remotePort}`,
    kind: 'connection',
    pid: r.pid,
    processName: r.processName,
    processPath: r.processPath,
    remoteAddress: r.remoteAddress,
    remotePort: r.remotePort,
    domain: r.domain,
  };
}

/** The cleanup target of a licensing sign (a crack tool's file, a hosts line, an activation state). */
export function targetOfSign(f: Finding, index: number): CleanupTarget {
  // A crack tool's evidence is usually its path: gathering evidence on it hashes and checks the file.
  const path =
    f.kind === 'crack-tool' && f.evidence && /^[A-Za-z]:\\|^\//.test(f.evidence) ? f.evidence : null;
  return {
    item: `sign:${index}:${f.indicator}`.slice(0, 300),
    kind: 'sign',
    pid: null,
    processName: null,
    processPath: path,
    remoteAddress: null,
    remotePort: null,
    sign: { name: f.indicator, evidence: f.evidence ?? null, advice: f.advice ?? null, kind: f.kind },
  };
}
