// Types of the guided cleanup. They are defined with their zod schemas in shared/ (the IPC
// contract validates the same shapes), and re-exported here for the main-process side.
import type { BilingualText } from '../../shared/text';
export type {
  ActionLogEntry,
  PersistenceEntry,
  ProcessEvidence,
  StepRequest,
  StepResult,
} from '../../shared/licensing/cleanup-schema';

/** Bilingual text, Vietnamese first (shared/text.ts). */
export type Text2 = BilingualText;
