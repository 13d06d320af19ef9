// One pipeline for every feed the app may trust (bundled, cached, downloaded, or checked by the CLI):
// signature over the exact bytes first, then the schema and the canonical-form check.
import type { CampaignFeed } from '../../shared/campaign-feed/campaign-feed';
import type { FeedInvalid } from '../../shared/campaign-feed/validate-feed';
import { validateFeedBytes } from '../../shared/campaign-feed/validate-feed';
import type { ParseIssue } from '../../shared/domain';
import { verifyFeedBytes } from './keys';
import type { PinnedKey, SignatureProblem } from './keys';
import { bilingual } from '../../shared/i18n';

/** Why a feed was refused. */
export interface FeedRejection {
  code:
    | SignatureProblem['code']
    | FeedInvalid['code']
    | 'unsigned'
    | 'downgrade'
    | 'replay'
    | 'sample-key'
    | 'sample-over-real'
    | 'campaign-not-running'
    | 'published-backwards';
  message: string;
  issues?: ParseIssue[];
}

/** A feed whose signature and content both hold. */
export interface VerifiedFeed {
  feed: CampaignFeed;
  key: PinnedKey;
}

/** Verifies signature, schema and canonical form; `file` names the feed in messages. */
export function verifyFeed(
  bytes: Uint8Array,
  sig: Uint8Array | string,
  keys: readonly PinnedKey[],
  file: string,
): { ok: true; value: VerifiedFeed } | { ok: false; error: FeedRejection } {
  const signature = verifyFeedBytes(bytes, sig, keys);
  if (!signature.ok)
    return {
      ok: false,
      error: { code: signature.problem.code, message: `${file}: ${signature.problem.message}` },
    };
  const valid = validateFeedBytes(bytes, file);
  if (!valid.ok) return { ok: false, error: valid.error };
  // The sample key's private half is public: it may vouch only for a feed that says it is a sample
  // (whose verdicts are never "clean" and never counted), never for a real campaign.
  if (signature.key.role === 'sample' && !valid.feed.campaign.sample)
    return {
      ok: false,
      error: {
        code: 'sample-key',
        message: bilingual('msg.keys.sampleKey', { file, keyId: signature.key.keyId }),
      },
    };
  return { ok: true, value: { feed: valid.feed, key: signature.key } };
}
