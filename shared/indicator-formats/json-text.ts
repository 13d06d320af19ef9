// Helpers for JSON feeds: JSON.parse gives objects without positions, so line numbers are found
// again by searching the text for the value, walking forward as the document is read.
import { ParseError } from '../errors';
import { msg } from './types';

/** Finds 1-based lines of strings in a text, searching forward from the last hit. */
export class LineLocator {
  private readonly starts: number[] = [0];
  private cursor = 0;

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  /** 1-based line of a character offset. */
  lineAt(index: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** Line of the first of `needles` found after the previous hit (or anywhere); 1 when none is found. */
  find(...needles: string[]): number {
    for (const from of [this.cursor, 0]) {
      for (const needle of needles) {
        if (needle === '') continue;
        const at = this.text.indexOf(needle, from);
        if (at >= 0) {
          this.cursor = at + 1;
          return this.lineAt(at);
        }
      }
    }
    return 1;
  }
}

/** The text of a string as it appears inside a JSON document, without the surrounding quotes. */
export function jsonInner(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}

/** Parses JSON or throws ParseError carrying the line of the syntax error. */
export function parseJsonOrThrow(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    throw new ParseError(msg('msg.formats.notJson', { detail }), file, jsonErrorLine(text, detail));
  }
}

/** Line of a JSON.parse error, from "line N" or "position N" in V8's message; 1 when neither is given. */
export function jsonErrorLine(text: string, detail: string): number {
  const byLine = /line (\d+)/.exec(detail);
  if (byLine !== null) return Number(byLine[1]);
  const byPos = /position (\d+)/.exec(detail);
  if (byPos !== null) return new LineLocator(text).lineAt(Number(byPos[1]));
  return 1;
}

/** Narrows unknown JSON to a plain object. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string field, or undefined. */
export function str(obj: Record<string, unknown>, key: string): string | undefined {
  const v = obj[key];
  return typeof v === 'string' ? v : undefined;
}
