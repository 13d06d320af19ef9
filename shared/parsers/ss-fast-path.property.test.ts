// The hand-cut fields and endpoints of parseSs (issue 18: a live scan lists 11,000 sockets and
// more) against the regular-expression reader they short-cut, kept here as the reference: the
// same rows and errors for real-shaped lines and for lines with odd blanks, digits and characters.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ParseIssue } from '../domain';
import { parseEndpoint } from './netstat';
import { parseSs } from './ss';
import { normaliseTcpState } from './states';

const ROW = /^\s*(\S+)\s+(\S+)\s+(\d+)\s+(\d+)\s+(\S+)\s+(\S+)\s*(.*)$/;
const USER = /\("((?:[^"\\]|\\.)*)",pid=(\d+),fd=\d+\)/;

/** parseSs as it was before the fast path (regular expressions and parseEndpoint only). */
function reference(text: string, file = 'ss'): { rows: unknown[]; errors: ParseIssue[] } {
  const rows: unknown[] = [];
  const errors: ParseIssue[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = ROW.exec(lines[i]);
    if (!m) continue;
    const netid = m[1].toLowerCase();
    if (netid !== 'tcp' && netid !== 'udp') continue;
    const local = parseEndpoint(m[5]);
    const remote = parseEndpoint(m[6]);
    if (!local || !remote) {
      errors.push({
        file,
        line: i + 1,
        message: `cannot read the addresses of this ss row: "${lines[i].trim().slice(0, 100)}"`,
      });
      continue;
    }
    const remoteAddress = netid === 'udp' && m[6].endsWith(':*') ? '*' : remote.address;
    const localAddress = local.address === '*' ? '::' : local.address;
    const user = USER.exec(m[7]);
    const state = m[2].toUpperCase();
    rows.push({
      protocol: netid,
      localAddress,
      localPort: local.port,
      remoteAddress,
      remotePort: remote.port,
      state: state === 'UNCONN' ? (netid === 'udp' ? '' : 'CLOSED') : normaliseTcpState(state),
      pid: user ? Number(user[2]) : null,
      processName: user ? user[1].replace(/\\(.)/g, '$1') : null,
      line: i + 1,
    });
  }
  return { rows, errors };
}

const octet = fc.oneof(fc.nat(255), fc.constantFrom(0, 255, 256, 7));
const host = fc.oneof(
  fc.tuple(octet, octet, octet, octet).map((o) => o.join('.')),
  fc.constantFrom(
    '*',
    '0.0.0.0',
    '[::1]',
    '[::ffff:127.0.0.1]',
    '127.0.0.53%lo',
    '010.0.0.1',
    '::1',
    'localhost',
  ),
);
const port = fc.oneof(fc.nat(70_000).map(String), fc.constantFrom('*', '0', '00080', 'http', '123456', ''));
const blank = fc.constantFrom(' ', '  ', '\t', ' \t ', '\u00a0', '\v');
const token = fc.oneof(
  fc.constantFrom(
    'tcp',
    'udp',
    'TCP',
    'u_str',
    'Netid',
    'ESTAB',
    'LISTEN',
    'UNCONN',
    'TIME-WAIT',
    'SYN-SENT',
  ),
  fc.string({ unit: fc.constantFrom('a', '1', '-', 'é', '"'), minLength: 1, maxLength: 4 }),
);
const digits = fc.oneof(fc.nat(99_999).map(String), fc.constantFrom('Recv-Q', '1a', '٣'));
const users = fc.oneof(
  fc.constant(''),
  fc
    .tuple(
      fc.string({ unit: fc.constantFrom('a', ' ', '\\"', '\\\\', 'z', 'é'), maxLength: 6 }),
      fc.nat(99_999),
    )
    .map(([name, pid]) => `users:(("${name}",pid=${pid},fd=3))`),
  fc.constantFrom('users:(("x",pid=1,fd=2),("y",pid=3,fd=4))  ', 'timer:(keepalive)', '\u2028'),
);
const line = fc
  .tuple(
    fc.constantFrom('', ' ', '\t'),
    token,
    token,
    digits,
    digits,
    fc.tuple(host, port).map(([h, p]) => `${h}:${p}`),
    fc.tuple(host, port).map(([h, p]) => `${h}:${p}`),
    users,
    fc.array(blank, { minLength: 7, maxLength: 7 }),
    fc.nat(8),
  )
  .map(([lead, a, b, c, d, e, f, g, sp, cut]) => {
    const parts = [a, b, c, d, e, f, g];
    let s = lead;
    for (let i = 0; i < parts.length && i <= cut; i++) s += (i === 0 ? '' : sp[i]) + parts[i];
    return s;
  });

describe('parseSs fast path', () => {
  it('reads every line as the regular-expression reader does', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
        const text = lines.join(eol);
        expect(parseSs(text, 'ss -tunapH')).toEqual(reference(text, 'ss -tunapH'));
      }),
      { numRuns: 3_000 },
    );
  });

  it('takes the fast path for a real ss line (and still reads it the same)', () => {
    const text =
      'tcp   ESTAB  0      0      127.0.0.1:43210   127.0.0.1:8080  users:(("node",pid=4242,fd=31))\n' +
      'udp   UNCONN 0      0      127.0.0.53%lo:53  0.0.0.0:*       users:(("systemd-resolve",pid=9,fd=12))';
    const got = parseSs(text);
    expect(got).toEqual(reference(text));
    expect(got.rows).toHaveLength(2);
  });
});
