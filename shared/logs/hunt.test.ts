// The hunt through the index's id path (issue 18): names are looked up as entry numbers and an
// Indicator is built only when a device meets it for the first time. On every sample log, real and
// made, the result must be the one the object path (matchDomain) gives, to the last field.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFeed, toIndicators } from '../indicator-formats';
import { IndicatorIndex } from '../indicators';
import { createParser, detectFormat } from './detect';
import { FileHunt, Hunt } from './hunt';
import type { HuntPartial, LogMatcher } from './hunt';
import { LogRecord } from './record';
import { LOGS } from '../../test/support/hunt/helpers';

function indexOf(dir: string, feed: string): IndicatorIndex {
  const parsed = parseFeed(readFileSync(join(dir, feed)), feed);
  return IndicatorIndex.build(toIndicators(parsed, feed));
}

function run(matcher: LogMatcher, name: string, lines: string[]): HuntPartial {
  const format = detectFormat(lines);
  const hunt = new Hunt(matcher);
  if (format !== null) {
    const ctx = { offsetMinutes: 420, referenceMs: Date.UTC(2026, 11, 1) };
    const fh = new FileHunt(hunt, createParser(format, ctx), name, new LogRecord());
    for (const l of lines) fh.line(l);
  }
  return hunt.partial();
}

const samples = (dir: string): string[] =>
  readdirSync(dir).filter(
    (f) => !f.endsWith('.md') && !f.endsWith('.evtx') && statSync(join(dir, f)).isFile(),
  );

describe('Hunt: the id path answers as the object path', () => {
  it.each([
    [LOGS, 'feed.txt'],
    [resolve(LOGS, 'real'), 'feed-real.txt'],
  ])('every sample log in %s, against %s', (dir, feed) => {
    const index = indexOf(dir, feed);
    const objectOnly: LogMatcher = {
      matchAddress: (a) => index.matchAddress(a),
      matchDomain: (n) => index.matchDomain(n),
      matchUrl: (u) => index.matchUrl(u),
      mayMatchV4: (a) => index.mayMatchV4(a),
    };
    let built = 0;
    const counted = Object.assign(Object.create(index) as IndicatorIndex, {
      domainIndicator: (id: number) => {
        built++;
        return index.domainIndicator(id);
      },
    });
    let domainHits = 0;
    let domainLines = 0;
    for (const name of samples(dir)) {
      const lines = readFileSync(join(dir, name), 'utf8').split(/\r?\n/);
      const want = run(objectOnly, name, lines);
      const before = built;
      expect(run(counted, name, lines), name).toEqual(want);
      expect(run(index, name, lines), name).toEqual(want);
      // One Indicator per device and domain it met, however many lines named it.
      const pairs = want.devices.flatMap((d) => d.hits).filter((h) => h.kind === 'domain');
      expect(built - before, name).toBe(pairs.length);
      domainHits += pairs.length;
      domainLines += pairs.reduce((n, h) => n + h.count, 0);
    }
    // The samples do name listed domains (the real ones on more lines than device/domain pairs:
    // 1 build per pair, not per line).
    expect(domainHits).toBeGreaterThan(0);
    expect(domainLines).toBeGreaterThan(dir.endsWith('real') ? domainHits : domainHits - 1);
  });
});
