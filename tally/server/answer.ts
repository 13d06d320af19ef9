// What the tally's API answers when it refuses or fails: `error`, the stable id clients switch on;
// `code` and `params`, the catalogue message (shared/i18n) that a client words in its reader's
// language; `message`, the same words in Vietnamese and English for clients that read only that
// (curl, older apps, logs). Always both languages: the server has many readers, and `--lang` of the
// command that started it is its console's language, not theirs.
import { word, type Params } from '../../shared/i18n';

/** The body of a refusal or failure. */
export interface ErrorAnswer {
  error: string;
  code: string;
  params?: Params;
  message: string;
}

/**
 * An answer worded from the catalogue key `code`; `detail` (raw text for IT: schema problems, a
 * parser's reason) follows the words on its own line.
 */
export function errorAnswer(error: string, code: string, params?: Params, detail?: string): ErrorAnswer {
  const message = word(params ? { code, params } : { code }, 'both');
  return {
    error,
    code,
    ...(params ? { params } : {}),
    message: detail ? `${message}\n${detail}` : message,
  };
}

/** Why the exports of the published feed could not be made: the words, then the raw reason for IT. */
export function exportFailed(reason: string): string {
  return `${word({ code: 'tally.server.exportFailed' }, 'both')}: ${reason}`;
}
