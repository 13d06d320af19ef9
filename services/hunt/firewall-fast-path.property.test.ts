// The byte scanner of pfirewall.log (WindowsFirewallParser.quickMiss, used by readLines through
// FileHunt.quick) against the full parser it short-cuts: the same files, read by the real reader
// from disk, once with the index (fast path on) and once through a matcher without mayMatchV4
// (every line parsed as text), must give the same hunt to the last field. The lines are
// real-shaped (Windows 10 with and without the pid column) and carry what could trip a byte
// scanner: listed, blocked, allowed and unlisted addresses, IPv6, leading zeros, octets > 255,
// '-' fields, doubled spaces and tabs, header changes mid-file, bad times, day changes, CRLF and LF,
// UTF-8 in the path column, and lines long enough to cross the reader's 64 KB chunks.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { huntFiles } from './hunt-files';
import { IndicatorIndex } from '../../shared/indicators';
import type { Indicator } from '../../shared/domain';
import type { LogMatcher } from '../../shared/logs/hunt';
import { v4At, WindowsFirewallParser } from '../../shared/logs/windows-firewall';
import { parseIpInto } from '../../shared/net/ip';

const dir = mkdtempSync(join(tmpdir(), 'fw-fast-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const feed: Indicator[] = [
  { id: 'ip:203.0.113.9', kind: 'ip', value: '203.0.113.9', source: 't' },
  { id: 'ip:198.51.100.7', kind: 'ip', value: '198.51.100.7', source: 't' },
  { id: 'cidr:192.0.2.0/24', kind: 'cidr', value: '192.0.2.0/24', source: 't' },
  { id: 'ip:2001:db8::5', kind: 'ip', value: '2001:db8::5', source: 't' },
  { id: 'cidr:100.64.0.0/16', kind: 'cidr', value: '100.64.0.0/16', source: 't' },
];
const index = IndicatorIndex.build(feed, [{ type: 'ip', value: '192.0.2.77' }]);
let probes = 0;
/** The index with the fast path on; counts the probes so the test cannot pass vacuously. */
const fast: LogMatcher = {
  matchAddress: (a) => index.matchAddress(a),
  matchDomain: (n) => index.matchDomain(n),
  mayMatchV4: (a) => {
    probes++;
    return index.mayMatchV4(a);
  },
};
/** The same index without mayMatchV4: every line goes through the text parser. */
const slow: LogMatcher = {
  matchAddress: (a) => index.matchAddress(a),
  matchDomain: (n) => index.matchDomain(n),
};

const address = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('10.1.2.3', '10.0.0.25', '172.16.4.9', '8.8.8.8', '1.1.1.1') },
  {
    weight: 3,
    arbitrary: fc.constantFrom('203.0.113.9', '198.51.100.7', '192.0.2.44', '192.0.2.77', '100.64.3.2'),
  },
  {
    weight: 3,
    arbitrary: fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => p.join('.')),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '2001:db8::5',
      'fe80::1',
      '::ffff:203.0.113.9',
      '010.1.2.3',
      '203.0.113.09',
      '1.2.3.256',
      '1.2.3',
      '1.2.3.4.5',
      '-',
      '',
      '1.2.3.4\t',
      '２０３.0.113.9',
    ),
  },
);
const time = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .tuple(fc.constantFrom('2026-11-23', '2026-11-24'), fc.nat(86399))
      .map(
        ([d, s]) =>
          `${d} ${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`,
      ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '2026-11-23 25:00:00',
      '2026-13-45 08:00:00',
      '2026/11/23 08:00:00',
      'x',
      '2026-11-23 08:0',
    ),
  },
);
const pathField = fc.oneof(
  { weight: 20, arbitrary: fc.constantFrom('SEND', 'RECEIVE', '-') },
  { weight: 4, arbitrary: fc.constantFrom('C:\\Program Files\\Ứng dụng\\app.exe', 'đường-dẫn') },
  { weight: 1, arbitrary: fc.nat(40_000).map((n) => 'x'.repeat(n)) },
);
const record = fc
  .record({
    time,
    action: fc.constantFrom('ALLOW', 'DROP'),
    proto: fc.constantFrom('TCP', 'UDP', 'ICMP'),
    src: address,
    dst: address,
    sport: fc.nat(65535),
    dport: fc.constantFrom(443, 80, 53, 8080),
    path: pathField,
    pid: fc.option(fc.nat(9999)),
    sep: fc.constantFrom(' ', ' ', ' ', ' ', '  ', '\t'),
  })
  .map(
    (r) =>
      `${r.time} ${r.action} ${r.proto}${r.sep}${r.src} ${r.dst} ${r.sport} ${r.dport} 0 - 0 0 0 - - - ${r.path}${r.pid === null ? '' : ` ${r.pid}`}`,
  );
const line = fc.oneof(
  { weight: 20, arbitrary: record },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '#Fields: date time action protocol src-ip dst-ip src-port dst-port size tcpflags tcpsyn tcpack tcpwin icmptype icmpcode info path',
      '#Fields: date time action protocol dst-ip src-ip dst-port src-port size tcpflags tcpsyn tcpack tcpwin icmptype icmpcode info path pid',
      '#Version: 1.5',
      '',
      '2026-11-23 08:00:00 ALLOW TCP',
    ),
  },
);
const HEADER =
  '#Version: 1.5\n#Software: Microsoft Windows Firewall\n#Time Format: Local\n#Fields: date time action protocol src-ip dst-ip src-port dst-port size tcpflags tcpsyn tcpack tcpwin icmptype icmpcode info path pid\n';

let file = 0;
async function both(text: string, filter: { sinceMs?: number; untilMs?: number }): Promise<[string, string]> {
  const path = join(dir, `pfirewall-${file++}.log`);
  writeFileSync(path, text);
  const entry = { path, size: statSync(path).size, mtimeMs: Date.UTC(2026, 10, 25) };
  const o = { offsetMinutes: 420, ...filter };
  const a = (await huntFiles(fast, [entry], o)).partial();
  const b = (await huntFiles(slow, [entry], o)).partial();
  return [JSON.stringify(a), JSON.stringify(b)];
}

describe('pfirewall.log byte scanner (fast path) against the text parser', () => {
  it('gives the same hunt on any file, with and without a time filter', async () => {
    await fc.assert(
      fc.asyncProperty(
        // Past the 64 lines that decide the format: the fast path starts after them.
        fc.array(line, { minLength: 70, maxLength: 300 }),
        fc.constantFrom('\n', '\r\n'),
        fc.constantFrom(
          {},
          { sinceMs: Date.UTC(2026, 10, 23, 2), untilMs: Date.UTC(2026, 10, 23, 20) },
          { sinceMs: Date.UTC(2026, 10, 20) },
        ),
        async (lines, eol, filter) => {
          const [a, b] = await both(HEADER.replace(/\n/g, eol) + lines.join(eol) + eol, filter);
          expect(a).toBe(b);
        },
      ),
      { numRuns: 150 },
    );
    // The fast path did run (and skipped lines): the comparison was not between two slow paths.
    expect(probes).toBeGreaterThan(1000);
  }, 120_000);

  it('rules out only a plain record whose two IPv4 addresses are on no indicator', () => {
    const p = new WindowsFirewallParser({ offsetMinutes: 420, referenceMs: 0 });
    const probe = { mayMatchV4: (a: number) => index.mayMatchV4(a), timeFiltered: false };
    const miss = (l: string): boolean => {
      const b = Buffer.from(l);
      return p.quickMiss(b, 0, b.length, probe);
    };
    expect(miss('2026-11-23 08:15:02 ALLOW TCP 10.1.2.3 8.8.8.8 51514 443 0 - 0 0 0 - - - SEND 4728')).toBe(
      true,
    );
    expect(
      miss('2026-11-23 08:15:02 ALLOW TCP 10.1.2.3 203.0.113.9 51514 443 0 - 0 0 0 - - - SEND 4728'),
    ).toBe(false);
    expect(miss('2026-11-23 08:15:02 ALLOW TCP 203.0.113.9 10.1.2.3 443 51514 0 - 0 0 0 - - - RECEIVE')).toBe(
      false,
    );
    expect(miss('2026-11-23 08:15:02 ALLOW TCP 10.1.2.3 192.0.2.200 51514 443 0 - 0 0 0 - - - SEND')).toBe(
      false,
    );
    expect(miss('2026-11-23 08:15:02 ALLOW TCP 10.1.2.3 2001:db8::9 51514 443 0 - 0 0 0 - - - SEND')).toBe(
      false,
    );
    expect(miss('2026-11-23 08:15:02 ALLOW TCP 10.1.2.3 010.8.8.8 51514 443 0 - 0 0 0 - - - SEND')).toBe(
      false,
    );
    expect(miss('2026-11-23 08:15:02 ALLOW TCP 10.1.2.3 8.8.8.8')).toBe(false);
    expect(miss('#Fields: date time action protocol src-ip dst-ip')).toBe(false);
    expect(miss('')).toBe(false);
  });

  it('reads a dotted quad from bytes exactly as the text parser does', () => {
    const words = new Uint32Array(4);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.tuple(fc.nat(300), fc.nat(300), fc.nat(300), fc.nat(300)).map((p) => p.join('.')),
          fc.string({ unit: fc.constantFrom('0', '1', '2', '5', '9', '.', ':', 'a', ' '), maxLength: 20 }),
        ),
        (text) => {
          const b = Buffer.from(text);
          const got = v4At(b, 0, b.length);
          const family = parseIpInto(text, words);
          // Stricter is allowed (the line then takes the full parser); a different number is not.
          if (got >= 0) expect([family, words[0]]).toEqual([4, got]);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
