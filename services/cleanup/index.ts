// Public surface of the guided cleanup.
export { createCleanupSession, type CleanupDeps, type CleanupSession, type Proposal } from './session';
export {
  watchRescan,
  connectedTo,
  RESCAN_WINDOW_MS,
  RESCAN_INTERVAL_MS,
  type RescanOutcome,
  type RescanProgress,
  type RescanWatchDeps,
} from './rescan-watch';
export { gatherEvidence, evidenceCommand, evidenceScript, sha256File, type EvidenceDeps } from './evidence';
export { findPersistence, persistenceCommands, RUN_KEYS, STARTUP_FOLDERS } from './persistence';
export { addRuleCommand, deleteRuleCommand, listRulesCommand, parseOurRules, RULE_PREFIX } from './firewall';
export { CRITICAL_PROCESS_NAMES, terminateRefusal } from './guard';
export { parseCimProcessTable } from './cim-process';
export { buildEvidenceJson, renderEvidenceHtml, escapeHtml, type EvidenceReportInput } from './report';
export type * from './types';
