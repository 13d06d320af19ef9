// Types of the guided cleanup: steps, their results, the action log and the evidence record.

/** Bilingual text, Vietnamese first. */
export interface Text2 {
  vi: string;
  en: string;
}

/** A place that starts the program again at boot or logon. */
export type PersistenceEntry =
  | { type: 'run-key'; key: string; valueName: string; data: string }
  | { type: 'startup-shortcut'; path: string }
  | { type: 'scheduled-task'; taskPath: string; command: string }
  | { type: 'service'; name: string; imagePath: string };

/** A step the IT staff can ask for; each needs a confirmation token before it runs. */
export type StepRequest =
  | { step: 'terminate'; pid: number; name: string }
  | { step: 'block-address'; ip: string }
  | { step: 'remove-block-rule'; ip: string }
  | { step: 'remove-persistence'; entry: PersistenceEntry }
  | { step: 'open-cleanup-tool' }
  | { step: 'rescan'; target: { remoteAddress: string; remotePort?: number; pid?: number } };

/** How a step ended. "needs-admin" says to restart elevated; "refused" means it was not attempted. */
export type StepOutcome = 'ok' | 'refused' | 'failed' | 'needs-admin';

/** What a step did. */
export interface StepResult {
  /** "confirm" when the token itself was refused (unknown or used). */
  step: StepRequest['step'] | 'confirm';
  outcome: StepOutcome;
  message: Text2;
  /** Command output or error text, for the record. */
  detail?: string;
  /** Step-specific data: the URL to open, the backup file, whether the connection is gone. */
  data?: Record<string, unknown>;
}

/** One line of the action log, kept for the agency's records. */
export interface ActionLogEntry {
  time: string;
  step: StepRequest['step'] | 'confirm';
  /** The step's arguments (and the exact command, when one ran). */
  args: Record<string, unknown>;
  outcome: StepOutcome | 'proposed';
  message: Text2;
  error?: string;
}

/** Evidence about one process / executable, gathered once per cleanup. */
export interface ProcessEvidence {
  pid: number | null;
  name: string | null;
  path: string | null;
  sha256: string | null;
  commandLine: string | null;
  parentPid: number | null;
  parentName: string | null;
  startTime: string | null;
  signature: { status: string; signer: string | null; message: string | null } | null;
  persistence: PersistenceEntry[];
  /** What could not be gathered and why (never silently empty). */
  notes: string[];
}
