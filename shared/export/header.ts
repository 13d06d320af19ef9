// The header comment every export starts with: campaign, feed version, publication date, SAMPLE
// for the bundled sample, and what was left out. No generation time, so the same feed always
// gives the same bytes and a device polling the tally sees no change when nothing changed.
import { word, type Params } from '../i18n';
import type { ExportModel } from './model';

/**
 * A catalogue text in both languages, whatever `--lang` says: a device's file is the same bytes
 * from the command line and from the tally.
 */
export const both = (code: string, params?: Params): string =>
  word(params ? { code, params } : { code }, 'both');

/** One exported file: the first of a format's files is the one /feed/export/{format} serves. */
export interface ExportFile {
  name: string;
  text: string;
}

/** Text without Vietnamese diacritics, for devices whose configuration must stay ASCII. */
export function ascii(text: string): string {
  return text
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[—–]/g, '-')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '?');
}

/** The header lines (without comment markers); `asciiOnly` for devices that want ASCII files. */
export function headerLines(m: ExportModel, title: string, asciiOnly = false): string[] {
  const lines = [
    `${both('app.name')} — ${title}`,
    `${both('msg.blocklist.campaign')}: ${m.campaignId} — ${m.campaignName.vi}${m.letter ? ` (${m.letter})` : ''}`,
    `${both('msg.blocklist.version')}: ${m.version} — ${both('msg.blocklist.published')} ${m.publishedAt}`,
  ];
  if (m.sample) lines.push(both('msg.blocklist.sample'));
  lines.push(
    `${both('msg.blocklist.domains')} ${m.domains.length}, IPv4 ${m.ipv4.length}, IPv6 ${m.ipv6.length}, URL ${m.urls.length}`,
  );
  const broad = m.leftOut
    .filter((l) => l.reason === 'catch-all')
    .map((l) => `${l.type} ${l.value}`)
    .sort();
  const allowed = m.leftOut.filter((l) => l.reason === 'allow-listed');
  if (allowed.length > 0) lines.push(`${both('msg.blocklist.allowListed')}: ${allowed.length}`);
  for (const b of broad) lines.push(`${both('msg.blocklist.catchAll')}: ${b}`);
  lines.push(both('msg.blocklist.doNotEdit'));
  return asciiOnly ? lines.map(ascii) : lines;
}

/** The header as comment lines with the given marker ("#", ";", "//"). */
export function header(m: ExportModel, title: string, marker: string, asciiOnly = false): string {
  return headerLines(m, title, asciiOnly)
    .map((l) => `${marker} ${l}`)
    .join('\n');
}

/** Splits a list into chunks of at most `size` items (at least one chunk, maybe empty). */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  if (items.length === 0) return [[]];
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
