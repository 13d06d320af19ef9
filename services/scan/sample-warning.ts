// The one warning every scan made against the sample feed carries (issue 10, point 7).
import type { ParseIssue } from '../../shared/domain';
import { bilingual } from '../../shared/i18n';

/**
 * The one line that says the indicators are the bundled sample (documentation addresses only):
 * a scan against it cannot say a machine is clean, so every report made with it carries this.
 */
export function sampleFeedWarning(file: string): ParseIssue {
  return {
    file,
    line: 0,
    message: bilingual('msg.scan.sampleFeed'),
  };
}
