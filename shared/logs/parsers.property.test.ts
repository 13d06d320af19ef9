// Nothing crashes: every log parser, on 10,000 random and mutated lines each (real fixture lines
// with characters cut, doubled or replaced), returns an outcome and never throws; a firewall line
// built from any addresses and ports gives them back as they went in.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Hunt, FileHunt } from './hunt';
import { createParser } from './detect';
import { LOG_FORMATS, LogRecord, Outcome } from './record';

const FIXTURES = resolve(__dirname, '../../test/fixtures/logs');
// Under mutation testing (scripts/mutation.mjs sets MUTATION_TESTS) each mutant reruns these tests:
// fewer runs there; the normal suite keeps 10,000 per parser.
const RUNS = process.env.MUTATION_TESTS ? 300 : 10_000;
const samples = [
  'pfirewall.log',
  'dns-debug.log',
  'sysmon.xml',
  'sysmon.csv',
  'zeek-conn.log',
  'zeek-http.json',
  'eve.json',
  'access.log',
  'fortigate.log',
  'filterlog.log',
  'mikrotik.log',
  'asa.log',
  'named-queries.log',
  'unbound.log',
  'dnsmasq.log',
  'proxy-export.csv',
].flatMap((f) => readFileSync(resolve(FIXTURES, f), 'utf8').split(/\r?\n/));

const mutated = fc
  .tuple(
    fc.constantFrom(...samples),
    fc.array(fc.tuple(fc.nat(), fc.nat(3), fc.string({ maxLength: 3 })), { maxLength: 4 }),
  )
  .map(([line, edits]) => {
    let s = line;
    for (const [at, kind, text] of edits) {
      const i = s.length === 0 ? 0 : at % s.length;
      if (kind === 0) s = s.slice(0, i) + s.slice(i + 1 + (at % 7));
      else if (kind === 1) s = s.slice(0, i) + text + s.slice(i);
      else if (kind === 2) s = s.slice(0, i) + s.slice(i, i + 5) + s.slice(i);
      else s = s.slice(0, i);
    }
    return s;
  });
const anyLine = fc.oneof(
  mutated,
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 120 }),
);

const matcher = {
  matchAddress: (a: string) =>
    a.startsWith('203.0.113.') ? { id: 'x', kind: 'ip' as const, value: a, source: 't' } : null,
  matchDomain: (d: string) =>
    d.endsWith('example') ? { id: 'y', kind: 'domain' as const, value: d, source: 't' } : null,
};

describe('log parsers on random and mutated lines', () => {
  it.each(LOG_FORMATS.filter((f) => f !== 'csv'))('%s never throws', (format) => {
    const ctx = { offsetMinutes: 420, referenceMs: Date.UTC(2026, 11, 1) };
    const hunt = new Hunt(matcher, { sinceMs: 0 });
    const fh = new FileHunt(hunt, createParser(format, ctx), 'x.log', new LogRecord());
    fc.assert(
      fc.property(anyLine, (line) => {
        fh.line(line);
      }),
      { numRuns: RUNS },
    );
    expect(fh.lines).toBe(RUNS);
  });

  it('csv with --columns never throws', () => {
    const ctx = { offsetMinutes: 420, referenceMs: 0 };
    const hunt = new Hunt(matcher);
    const fh = new FileHunt(
      hunt,
      createParser('csv', ctx, { src: 'a', dst: 'b', time: 'c' }),
      'x.csv',
      new LogRecord(),
    );
    fh.line('a,b,c');
    fc.assert(
      fc.property(anyLine, (line) => void fh.line(line)),
      { numRuns: RUNS },
    );
  });

  it('a Windows Firewall line gives back any addresses and ports', () => {
    const octet = fc.integer({ min: 0, max: 255 });
    const v4 = fc.tuple(octet, octet, octet, octet).map((p) => p.join('.'));
    const port = fc.integer({ min: 0, max: 65535 }).map(String);
    const parser = createParser('windows-firewall', { offsetMinutes: 0, referenceMs: 0 });
    const rec = new LogRecord();
    fc.assert(
      fc.property(v4, v4, port, port, (src, dst, sp, dp) => {
        const out = parser.parse(
          `2026-11-23 08:15:02 ALLOW TCP ${src} ${dst} ${sp} ${dp} 0 - 0 0 0 - - - SEND 4728`,
          rec,
        );
        rec.complete();
        expect(out).toBe(Outcome.Record);
        expect([rec.src, rec.dst, rec.srcPort, rec.dstPort, rec.proto]).toEqual([src, dst, sp, dp, 'tcp']);
        expect(rec.time()).toBe(Date.UTC(2026, 10, 23, 8, 15, 2));
      }),
    );
  });
});
