// Model-based (issue 19): rows generated, printed as `ss -tunapH` prints them (IPv4, bracketed
// IPv6, "*" ports, process names with blanks and escaped quotes, sockets without a process), and
// parsed back to exactly those rows, in order, with their lines.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSs } from './ss';

const octet = fc.integer({ min: 0, max: 255 });
const ipv4 = fc.tuple(octet, octet, octet, octet).map((p) => p.join('.'));
const ipv6 = fc.constantFrom('::1', 'fe80::1c2d:3e4f:5a6b:7c8d', '2001:db8::5', '2402:800:6314::12');
const port = fc.integer({ min: 1, max: 65535 });
// Linux comm: up to 15 bytes, blanks and quotes allowed (ss escapes '"' and '\').
const comm = fc.string({
  unit: fc.constantFrom(...'abcxyz-_. "\\0123'.split('')),
  minLength: 1,
  maxLength: 15,
});
const escape = (s: string) => s.replace(/[\\"]/g, (c) => `\\${c}`);

describe('parseSs properties', () => {
  it('parses generated ss -tunapH output back to the generated rows', () => {
    const row = fc.record({
      udp: fc.boolean(),
      six: fc.boolean(),
      la4: ipv4,
      ra4: ipv4,
      la6: ipv6,
      ra6: ipv6,
      lp: port,
      rp: port,
      state: fc.constantFrom(
        ['ESTAB', 'ESTABLISHED'],
        ['LISTEN', 'LISTEN'],
        ['TIME-WAIT', 'TIME_WAIT'],
        ['SYN-SENT', 'SYN_SENT'],
      ),
      owner: fc.option(
        fc.record({ name: comm, pid: fc.integer({ min: 1, max: 4_194_304 }), fd: fc.nat(999) }),
      ),
      blankAfter: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 25 }), (gen) => {
        const lines: string[] = [];
        const expected: object[] = [];
        for (const g of gen) {
          const [la, ra] = g.six ? [g.la6, g.ra6] : [g.la4, g.ra4];
          const ep = (a: string, p: number | '*') => (g.six ? `[${a}]:${p}` : `${a}:${p}`);
          const users =
            g.owner === null
              ? ''
              : ` users:(("${escape(g.owner.name)}",pid=${g.owner.pid},fd=${g.owner.fd}))`;
          if (g.udp)
            lines.push(
              `udp   UNCONN 0      0      ${ep(la, g.lp)}      ${g.six ? '[::]:*' : '0.0.0.0:*'}${users}`,
            );
          else lines.push(`tcp   ${g.state[0]}  0      0      ${ep(la, g.lp)}      ${ep(ra, g.rp)}${users}`);
          expected.push({
            protocol: g.udp ? 'udp' : 'tcp',
            localAddress: la,
            localPort: g.lp,
            remoteAddress: g.udp ? '*' : ra,
            ...(g.udp ? {} : { remotePort: g.rp }),
            state: g.udp ? '' : g.state[1],
            pid: g.owner?.pid ?? null,
            processName: g.owner?.name ?? null,
            line: lines.length,
          });
          if (g.blankAfter) lines.push('');
        }
        const { rows, errors } = parseSs(lines.join('\n'));
        expect(errors).toEqual([]);
        expect(rows).toHaveLength(expected.length);
        rows.forEach((r, i) => expect(r).toMatchObject(expected[i]));
      }),
      { numRuns: 1_000 },
    );
  });

  it('names the file and the line, trimmed and cut at 100 characters, for a row it cannot read', () => {
    const bad = `  tcp   ESTAB  0  0  not-an-endpoint  ${'x'.repeat(150)}  `;
    const { rows, errors } = parseSs(`tcp ESTAB 0 0 127.0.0.1:1 127.0.0.1:2\n${bad}`);
    expect(rows).toHaveLength(1);
    expect(errors).toEqual([
      {
        file: 'ss',
        line: 2,
        message: `cannot read the addresses of this ss row: "${bad.trim().slice(0, 100)}"`,
      },
    ]);
    expect(parseSs(bad, 'ss.txt').errors[0].file).toBe('ss.txt');
  });

  it('a TCP socket ss prints as UNCONN is CLOSED; a UDP one has no state', () => {
    const { rows } = parseSs(
      'tcp UNCONN 0 0 127.0.0.1:5000 0.0.0.0:*\nudp UNCONN 0 0 127.0.0.1:5001 0.0.0.0:*',
    );
    expect(rows.map((r) => r.state)).toEqual(['CLOSED', '']);
  });
});
