// Public surface of the guided cleanup.
export { createCleanupSession } from './session';
export { watchRescan, type RescanProgress } from './rescan-watch';
export { gatherEvidence, evidenceCommand, evidenceScript, sha256File } from './evidence';
export { persistenceCommands, RUN_KEYS } from './persistence';
export { addRuleCommand, deleteRuleCommand, listRulesCommand } from './firewall';
export { terminateRefusal } from './guard';
export { parseCimProcessTable } from './cim-process';
export { buildEvidenceJson, renderEvidenceHtml } from './report';
export type * from './types';
