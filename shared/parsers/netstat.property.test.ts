// Properties over generated `netstat -ano` rows: whatever the state word (localised, mojibake,
// two words), the addresses, ports and PID come out as they went in.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNetstat } from './netstat';

const octet = fc.integer({ min: 0, max: 255 });
const ipv4 = fc.tuple(octet, octet, octet, octet).map((p) => p.join('.'));
const port = fc.integer({ min: 0, max: 65535 });
// A state word: printable, no blanks inside a token, never all digits (mojibake included).
const stateToken = fc
  .string({
    unit: fc.constantFrom(...'ABCDEFHILNORSTW_ÖÉ™Ã–¢?\u0099'.split('')),
    minLength: 1,
    maxLength: 12,
  })
  .filter((t) => !/^\d+$/.test(t));
const stateWord = fc.array(stateToken, { minLength: 1, maxLength: 2 }).map((t) => t.join(' '));

describe('parseNetstat properties', () => {
  it('keeps addresses, ports and PID of any TCP row, whatever its state word', () => {
    fc.assert(
      fc.property(
        ipv4,
        port,
        ipv4,
        port,
        stateWord,
        fc.option(fc.integer({ min: 0, max: 4_000_000 })),
        (la, lp, ra, rp, state, pid) => {
          const line = `  TCP    ${la}:${lp}    ${ra}:${rp}    ${state}${pid === null ? '' : `    ${pid}`}`;
          const { rows, errors } = parseNetstat(line);
          expect(errors).toEqual([]);
          expect(rows).toHaveLength(1);
          expect(rows[0]).toMatchObject({
            localAddress: la,
            localPort: lp,
            remoteAddress: ra,
            remotePort: rp,
            pid,
          });
          expect(rows[0].state).not.toBe('');
        },
      ),
      { numRuns: 300 },
    );
  });

  // Issue 19: the old property ("Proto " + text makes no row) held by construction. Here the
  // decoy lines have a full row's shape (addresses, state, PID) behind a first token that is not a
  // protocol, so a parser that stopped checking the protocol token would turn them into rows.
  it('never makes a row of a row-shaped line whose first token is not a protocol', () => {
    const PROTOCOL = /^(tcp|udp)(v?[46])?$/i;
    const notProtocol = fc
      .oneof(
        fc.constantFrom(
          'Proto',
          'TCPX',
          'TC',
          'UD',
          'tcpv7',
          'UDPv',
          'xTCP',
          'tcp-6',
          'Aktive',
          '[svchost.exe]',
        ),
        fc.string({ minLength: 1, maxLength: 8 }).filter((t) => !/[\s>]/.test(t)),
      )
      .filter((t) => !PROTOCOL.test(t) && t.trim() !== '');
    fc.assert(
      fc.property(
        notProtocol,
        ipv4,
        port,
        ipv4,
        port,
        fc.integer({ min: 0, max: 99_999 }),
        (word, la, lp, ra, rp, pid) => {
          const line = `  ${word}    ${la}:${lp}    ${ra}:${rp}    ESTABLISHED    ${pid}`;
          const { rows, errors } = parseNetstat(line);
          expect(rows).toEqual([]);
          expect(errors).toEqual([]);
        },
      ),
      { numRuns: 1_000 },
    );
  });

  // Model-based: a whole `netstat -ano` capture printed from generated rows (banner, header,
  // blank lines, TCP and UDP, IPv4 and IPv6, decoys between rows) parses back to exactly those
  // rows, in order, each with its own line number.
  it('parses a generated capture back to the generated rows, in order, with their lines', () => {
    const v6 = fc.constantFrom('::', '::1', 'fe80::1c2d:3e4f:5a6b:7c8d', '2001:db8::5', '2402:800:6314::12');
    const state = fc.constantFrom(
      ['ESTABLISHED', 'ESTABLISHED'],
      ['LISTENING', 'LISTEN'],
      ['TIME_WAIT', 'TIME_WAIT'],
      ['CLOSE_WAIT', 'CLOSE_WAIT'],
      ['SYN_SENT', 'SYN_SENT'],
    );
    const row = fc.record({
      udp: fc.boolean(),
      six: fc.boolean(),
      la4: ipv4,
      ra4: ipv4,
      la6: v6,
      ra6: v6,
      lp: port,
      rp: port,
      state,
      pid: fc.integer({ min: 0, max: 4_000_000 }),
      decoyAfter: fc.option(
        fc.constantFrom('  Proto  Local Address  Foreign Address  State  PID', 'Active Connections', ''),
      ),
    });
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 1, maxLength: 25 }),
        fc.constantFrom('\n', '\r\n'),
        (gen, nl) => {
          const lines = [
            '',
            'Active Connections',
            '',
            '  Proto  Local Address          Foreign Address        State           PID',
          ];
          const expected: object[] = [];
          for (const g of gen) {
            const [la, ra] = g.six ? [g.la6, g.ra6] : [g.la4, g.ra4];
            const ep = (a: string, p: number | '*') => (g.six ? `[${a}]:${p}` : `${a}:${p}`);
            if (g.udp) {
              lines.push(`  UDP    ${ep(la, g.lp)}    *:*    ${g.pid}`);
              expected.push({
                protocol: 'udp',
                localAddress: la,
                localPort: g.lp,
                remoteAddress: '*',
                state: '',
                pid: g.pid,
                line: lines.length,
              });
            } else {
              lines.push(`  TCP    ${ep(la, g.lp)}    ${ep(ra, g.rp)}    ${g.state[0]}    ${g.pid}`);
              expected.push({
                protocol: 'tcp',
                localAddress: la,
                localPort: g.lp,
                remoteAddress: ra,
                remotePort: g.rp,
                state: g.state[1],
                pid: g.pid,
                line: lines.length,
              });
            }
            if (g.decoyAfter !== null) lines.push(g.decoyAfter);
          }
          const { rows, errors } = parseNetstat(lines.join(nl));
          expect(errors).toEqual([]);
          expect(rows).toHaveLength(expected.length);
          rows.forEach((r, i) => expect(r).toMatchObject(expected[i]));
        },
      ),
      { numRuns: 1_000 },
    );
  });
});
