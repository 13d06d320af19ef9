// How the page words an error from main: a catalogue message in the person's language when main sent
// one ({code, params}); otherwise the generic sentence for the error's kind, with main's raw text kept
// for IT in a "technical details" disclosure, never as the sentence a civil servant reads.
import type { TFunction } from 'i18next';
import type { IpcError } from '../shared/ipc/contract';

/** What to show for an error: the sentence, what to do, and the raw text for IT (if any). */
export interface ErrorWords {
  message: string;
  hint?: string;
  technical?: string;
}

/** Words an IpcError for the page in the current language. */
export function errorWords(t: TFunction, error: IpcError): ErrorWords {
  if (error.text) {
    const message = t(error.text.code, error.text.params ?? {});
    return error.hintText
      ? { message, hint: t(error.hintText.code, error.hintText.params ?? {}) }
      : { message };
  }
  const raw = [error.message, error.hint].filter(Boolean).join(' ');
  return { message: t(`errors.${error.code}`), technical: raw };
}

/** One line: the sentence and what to do (for the short notes beside buttons). */
export function errorLine(t: TFunction, error: IpcError): string {
  const w = errorWords(t, error);
  return w.hint ? `${w.message} ${w.hint}` : w.message;
}
