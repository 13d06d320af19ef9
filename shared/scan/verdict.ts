// The self-check's verdict, decided in one place from a ScanReport so the app (and the CLI) say
// the same thing. A wrong "clean" and a wrong "infected" are both defects, so:
// - "infected" only for evidence that the machine talked to or looked up an indicator (findings
//   via connection, DNS cache or hosts file);
// - "recent" when the only evidence is an ended connection (TIME_WAIT/CLOSED, no owning process);
// - "cracked" when nothing malicious was seen but there are cracked-software signs;
// - "sample" when the indicators are the bundled sample list: nothing real was checked;
// - "clean" only when nothing at all was found AND the real campaign list was in use.
// Blocked names (hosts lines that block an indicator) and notices (Windows not activated) are
// information shown apart: they never change the state.
import type { BlockedName, Finding, ScanReport } from '../domain';
import { isEndedConnection } from '../parsers/states';
export { isEndedConnection };

/** The headline state of a check, most serious first. */
export const VERDICT_STATES = ['infected', 'recent', 'cracked', 'sample', 'clean'] as const;
export type VerdictState = (typeof VERDICT_STATES)[number];

/** A cracked-software product the verdict names (one per product, in first-seen order). */
export interface CrackedProduct {
  /** The product, tool or vendor; for a KMS sign, the KMS host. */
  name: string;
  kind: 'crack-tool' | 'kms-activation' | 'hosts-activation-block';
}

/** Everything the verdict view shows, derived from one report. */
export interface Verdict {
  state: VerdictState;
  /** Evidence of contact with an indicator (connection, DNS cache, hosts file). */
  findings: Finding[];
  /** Ended connections to an indicator. */
  recent: Finding[];
  /** Cracked-software signs (never "not activated"). */
  signs: Finding[];
  products: CrackedProduct[];
  /** Information only: Windows not activated. */
  notices: Finding[];
  /** Information only: indicator names this machine's hosts file blocks. */
  blocked: BlockedName[];
  /**
   * True when the real campaign list was not checked: a feed in use is the bundled sample, or no
   * feed with any indicator was in use.
   */
  sample: boolean;
}

const isSign = (f: Finding): f is Finding & { kind: CrackedProduct['kind'] } =>
  f.kind === 'crack-tool' || f.kind === 'kms-activation' || f.kind === 'hosts-activation-block';

/** Decides the verdict of a scan report (pure; see the header for the rule). */
export function decideVerdict(report: ScanReport): Verdict {
  const findings: Finding[] = [];
  const signs: Finding[] = [];
  const notices: Finding[] = [...(report.notices ?? [])];
  const recent: Finding[] = [...(report.recent ?? [])];
  for (const f of report.findings) {
    // The scan puts ended connections in `recent`; a report from a scan that did not yet kept them
    // among the findings, where they would name "unknown program (PID ?)" as the culprit.
    if (f.via === 'connection' && f.connection && isEndedConnection(f.connection)) recent.push(f);
    else if (f.via !== 'licensing') findings.push(f);
    else if (isSign(f)) signs.push(f);
    // A report written before notices existed kept "not activated" among the findings: it is
    // information, not a sign of cracking.
    else if (
      f.kind === 'not-activated' &&
      !notices.some((n) => n.kind === f.kind && n.indicator === f.indicator && n.evidence === f.evidence)
    )
      notices.push(f);
  }
  const products: CrackedProduct[] = [];
  for (const f of signs)
    if (isSign(f) && !products.some((p) => p.name === f.indicator && p.kind === f.kind))
      products.push({ name: f.indicator, kind: f.kind });
  const sample =
    report.feeds.some((feed) => feed.sample === true) || report.feeds.every((feed) => feed.indicators === 0);
  const state: VerdictState =
    findings.length > 0
      ? 'infected'
      : recent.length > 0
        ? 'recent'
        : signs.length > 0
          ? 'cracked'
          : sample
            ? 'sample'
            : 'clean';
  return { state, findings, recent, signs, products, notices, blocked: report.blocked ?? [], sample };
}
