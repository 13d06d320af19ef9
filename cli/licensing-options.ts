// The licensing flags of `sachmadoc scan`: its options, usage lines and when they ask for the checks.
// The checks themselves are a source of the scan pipeline (services/licensing/scan-source.ts).

/** parseArgs options the scan command spreads into its own. */
export const LICENSING_OPTIONS = {
  licensing: { type: 'boolean' },
  slmgr: { type: 'string', multiple: true },
  installed: { type: 'string', multiple: true },
  tasks: { type: 'string', multiple: true },
  services: { type: 'string', multiple: true },
  'kms-host': { type: 'string', multiple: true },
} as const;

/** The subset of parsed options this module reads. */
export interface LicensingCliOptions {
  licensing?: boolean;
  slmgr?: string[];
  installed?: string[];
  tasks?: string[];
  services?: string[];
  'kms-host'?: string[];
  hosts?: string;
}

/** True when any licensing capture flag was given (these make the scan a capture analysis). */
export const hasLicensingCaptures = (o: LicensingCliOptions): boolean =>
  [o.slmgr, o.installed, o.tasks, o.services].some((v) => v !== undefined && v.length > 0);

/** True when the person asked for licensing checks at all. */
export const licensingRequested = (o: LicensingCliOptions): boolean =>
  o.licensing === true || hasLicensingCaptures(o);
