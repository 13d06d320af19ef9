// Text that came from a capture or a feed can carry terminal control sequences (ESC [ … to clear the
// screen or fake a "clean" line, BEL, a bare CR that overwrites the line, C1 controls such as CSI).
// Everything the command line prints goes through this: line breaks and tabs stay, every other
// control character is shown as \u00XX. In JSON output the same escape is valid JSON for the same
// character, so the report's meaning is unchanged.

// C0 except TAB (09) and LF (0a), DEL, C1, and the line/paragraph separators some terminals honour.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g;

/** Escapes every control character but LF and TAB as \u00XX. */
export function escapeControls(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
