// The bundled signature lists (assets/signatures), validated once, merged with a feed's extras.
import crackTools from '../../assets/signatures/crack-tools.json';
import activationHosts from '../../assets/signatures/activation-hosts.json';
import type { ParseIssue } from '../../shared/domain';
import {
  loadBundledSignatures,
  mergeFeedSignatures,
  type LicensingSignatures,
} from '../../shared/licensing/signatures';

let cached: LicensingSignatures | null = null;

/** The bundled signatures; with `feedSignatures` (the verified feed's crackSignatures) merged in. */
export function licensingSignatures(
  feedSignatures?: readonly unknown[],
  feedName?: string,
): { signatures: LicensingSignatures; issues: ParseIssue[] } {
  cached ??= loadBundledSignatures(crackTools, activationHosts);
  return feedSignatures
    ? mergeFeedSignatures(cached, feedSignatures, feedName)
    : { signatures: cached, issues: [] };
}
