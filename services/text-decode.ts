// Windows commands write their output in whatever the console is set to: UTF-16LE when redirected
// from PowerShell (with a BOM), the OEM code page from cmd.exe (CP437 en-US, CP850 de/fr/es/pt/it,
// CP1258 for Vietnamese ANSI), UTF-8 on a console switched with `chcp 65001`, and UTF-8 everywhere
// on Linux and macOS. Parsers only ever see text; this is the one place that picks the decoding.
import iconv from 'iconv-lite';
import type { ParseIssue } from '../shared/domain';
import { userError } from '../shared/errors';
import { bilingual } from '../shared/i18n';
import { WINDOWS_LANGUAGES } from '../shared/parsers/windows-languages';

/**
 * Code pages a caller may name: the OEM and ANSI pages of every display language we read
 * (windows-languages.ts), and a few neighbours; others are refused rather than decoded wrong.
 */
export const SUPPORTED_CODE_PAGES: ReadonlySet<number> = new Set([
  437,
  850,
  858,
  874,
  ...WINDOWS_LANGUAGES.flatMap((l) => [l.oemCodePage, l.ansiCodePage]),
]);

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decodes raw command output: UTF-16LE/BE by BOM (or by the zero-byte pattern of BOM-less UTF-16LE),
 * UTF-8 when the bytes are valid UTF-8, otherwise the OEM code page (default 437).
 */
export function decodeCommandOutput(bytes: Uint8Array, opts: { codePage?: number } = {}): string {
  const codePage = opts.codePage ?? 437;
  if (!SUPPORTED_CODE_PAGES.has(codePage) && codePage !== 65001) {
    throw userError('msg.capture.codePage', { params: { codePage }, hint: 'msg.capture.codePageHint' });
  }
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return iconv.decode(buf.subarray(2), 'utf-16le');
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return iconv.decode(buf.subarray(2), 'utf-16be');
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    return iconv.decode(buf.subarray(3), 'utf-8');
  }
  if (looksLikeUtf16le(buf)) return iconv.decode(buf, 'utf-16le');
  try {
    return utf8.decode(buf);
  } catch {
    // Not UTF-8: cmd.exe redirected output in the OEM code page is by far the common case.
    return codePage === 65001 ? iconv.decode(buf, 'utf-8') : iconv.decode(buf, `cp${codePage}`);
  }
}

// `netstat > file` from a PowerShell 5 pipeline without Out-File -Encoding writes UTF-16LE; when the
// BOM has been cut (copied excerpt), ASCII-heavy text still shows a zero in every odd byte.
function looksLikeUtf16le(buf: Buffer): boolean {
  const n = Math.min(buf.length - (buf.length % 2), 4096);
  if (n < 8) return false;
  let oddZeros = 0;
  let evenZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) evenZeros++;
    if (buf[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  return oddZeros / pairs > 0.6 && evenZeros / pairs < 0.05;
}

// The OEM code page Windows sets for a system locale ("Language for non-Unicode programs"), from
// windows-languages.ts, by language; a language whose regions differ (zh) is handled below.
// Languages with no entry there keep their OEM page here (Danish, Norwegian, Finnish, Hungarian,
// Romanian, Thai).
const OEM_BY_LANGUAGE: ReadonlyMap<string, number> = new Map([
  ['da', 850],
  ['nb', 850],
  ['fi', 850],
  ['hu', 852],
  ['ro', 852],
  ['th', 874],
  ...WINDOWS_LANGUAGES.map((l): [string, number] => [l.tag.split('-')[0].toLowerCase(), l.oemCodePage]),
]);

/**
 * Best guess of the console's OEM code page from a BCP 47 locale ("de-DE" → 850, "vi-VN" → 1258,
 * "zh-TW" → 950), for a live scan whose caller did not say; 437 when the language is not known.
 */
export function oemCodePageForLocale(locale: string): number {
  const [language = '', region = ''] = locale.toLowerCase().split(/[-_]/);
  if (language === 'zh') return region === 'tw' || region === 'hk' || region === 'hant' ? 950 : 936;
  return OEM_BY_LANGUAGE.get(language) ?? 437;
}

/**
 * A UTF-16 capture (what PowerShell's `>` writes) ends with a line break made of whole code units.
 * Cut at an odd byte, or stopping in the middle of a row, it was truncated (a copy interrupted, a
 * disk full, an excerpt pasted): the last rows are missing, so the person is told. `text` is the
 * decoded capture, for the line number.
 */
export function truncatedCapture(bytes: Uint8Array, text: string, file: string): ParseIssue | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let order: 'le' | 'be' | null = null;
  let start = 0;
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) [order, start] = ['le', 2];
  else if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) [order, start] = ['be', 2];
  else if (looksLikeUtf16le(buf)) order = 'le';
  if (order === null || buf.length - start === 0) return null;
  const line = text.split(/\r\n|\n|\r/).length;
  if ((buf.length - start) % 2 === 1) return { file, line, message: bilingual('msg.capture.oddByte') };
  const n = buf.length;
  const last = order === 'le' ? buf[n - 2] | (buf[n - 1] << 8) : (buf[n - 2] << 8) | buf[n - 1];
  if (last !== 0x0a && last !== 0x0d) return { file, line, message: bilingual('msg.capture.midLine') };
  return null;
}
