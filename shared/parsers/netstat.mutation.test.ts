// Edges of the netstat parser that mutation testing (issue 19) showed no test pinned down: each
// assertion here fails for a small real bug in shared/parsers/netstat.ts or states.ts.
import { describe, expect, it } from 'vitest';
import { parseEndpoint, parseNetstat } from './netstat';
import { isEndedConnection, isEndedState, isKnownTcpState, normaliseTcpState } from './states';

describe('parseEndpoint edges', () => {
  it('refuses a bracketed address without its closing bracket or without ":" right after it', () => {
    expect(parseEndpoint('[fe80::1:443')).toBeNull();
    expect(parseEndpoint('[::1]443')).toBeNull();
    expect(parseEndpoint('[::1]x443')).toBeNull();
    expect(parseEndpoint('[::1]:')).toBeNull();
    expect(parseEndpoint('[::1]:443')).toEqual({ address: '::1', port: 443, isName: false });
  });

  it('refuses a token with no address before the colon, or no colon at all', () => {
    expect(parseEndpoint(':80')).toBeNull();
    expect(parseEndpoint('10.0.0.1')).toBeNull();
    expect(parseEndpoint('localhost')).toBeNull();
    expect(parseEndpoint('8080')).toBeNull();
    expect(parseEndpoint('')).toBeNull();
  });

  it('reads ports 0 to 65535 and refuses 65536 and six digits', () => {
    expect(parseEndpoint('10.0.0.1:0')).toEqual({ address: '10.0.0.1', port: 0, isName: false });
    expect(parseEndpoint('10.0.0.1:65535')?.port).toBe(65535);
    expect(parseEndpoint('10.0.0.1:65536')).toBeNull();
    expect(parseEndpoint('10.0.0.1:100000')).toBeNull();
    expect(parseEndpoint('10.0.0.1:1a')).toBeNull();
    expect(parseEndpoint('10.0.0.1:-1')).toBeNull();
  });

  it('reads the port names of netstat without -n in any case, 0 for a name not in the table', () => {
    expect(parseEndpoint('pc7:https')).toEqual({ address: 'pc7', port: 443, isName: true });
    expect(parseEndpoint('pc7:HTTP')).toEqual({ address: 'pc7', port: 80, isName: true });
    expect(parseEndpoint('pc7:ms-wbt-server')?.port).toBe(3389);
    expect(parseEndpoint('pc7:netbios-ssn')?.port).toBe(139);
    expect(parseEndpoint('pc7:microsoft-ds')?.port).toBe(445);
    expect(parseEndpoint('pc7:epmap')?.port).toBe(135);
    expect(parseEndpoint('pc7:llmnr')?.port).toBe(5355);
    expect(parseEndpoint('pc7:wsd')).toEqual({ address: 'pc7', port: 0, isName: true });
    expect(parseEndpoint('10.0.0.1:ldaps')).toEqual({ address: '10.0.0.1', port: 636, isName: false });
    // A port name starts with a letter and holds letters, digits, "-" and "_" only.
    expect(parseEndpoint('pc7:9http')).toBeNull();
    expect(parseEndpoint('pc7:http!')).toBeNull();
    expect(parseEndpoint('pc7:!http')).toBeNull();
  });

  it('keeps "*" as the address, with a numeric, wildcard or named port', () => {
    expect(parseEndpoint('*:5353')).toEqual({ address: '*', port: 5353, isName: false });
    expect(parseEndpoint('*:*')).toEqual({ address: '*', port: 0, isName: false });
    expect(parseEndpoint('*:mdns')).toEqual({ address: '*', port: 5353, isName: false });
  });

  it('drops the interface of an IPv4 socket bound to one, and only that', () => {
    expect(parseEndpoint('0.0.0.0%eth0:68')).toEqual({ address: '0.0.0.0', port: 68, isName: false });
    expect(parseEndpoint('10.0.0.1%:68')).toEqual({ address: '10.0.0.1', port: 68, isName: false });
  });

  it('takes a host name only when it starts and ends with a letter, digit or "_", lower-cased', () => {
    expect(parseEndpoint('DESKTOP-DQP1BRI:49863')).toEqual({
      address: 'desktop-dqp1bri',
      port: 49863,
      isName: true,
    });
    expect(parseEndpoint('a:80')).toEqual({ address: 'a', port: 80, isName: true });
    expect(parseEndpoint('cdn.Example_1.net:443')).toEqual({
      address: 'cdn.example_1.net',
      port: 443,
      isName: true,
    });
    expect(parseEndpoint('-pc7:80')).toBeNull();
    expect(parseEndpoint('pc7-:80')).toBeNull();
    expect(parseEndpoint('.pc7:80')).toBeNull();
    expect(parseEndpoint('pc 7:80')).toBeNull();
    expect(parseEndpoint('pc!7:80')).toBeNull();
    expect(parseEndpoint('máy7:80')).toBeNull();
  });
});

describe('parseNetstat edges', () => {
  const row = (local: string, pid: number) => `  TCP    ${local}    203.0.113.9:443    ESTABLISHED    ${pid}`;

  it('reads protocol tokens tcp, udp, their v6 and 4/6 forms in any case, and nothing else', () => {
    const text = [
      '  TCPv6  [::1]:1   [::1]:2   LISTENING   1',
      '  udp    0.0.0.0:3   *:*   2',
      '  UDPV6  [::]:4   *:*   3',
      '  tcp4   10.0.0.1:5   10.0.0.2:6   ESTABLISHED   4',
      '  TCPX   10.0.0.1:7   10.0.0.2:8   ESTABLISHED   5',
      '  XTCP   10.0.0.1:9   10.0.0.2:10  ESTABLISHED   6',
      '  TCPv5  10.0.0.1:11  10.0.0.2:12  ESTABLISHED   7',
    ].join('\n');
    const { rows, errors } = parseNetstat(text);
    expect(errors).toEqual([]);
    expect(rows.map((r) => [r.protocol, r.localPort, r.pid])).toEqual([
      ['tcp', 1, 1],
      ['udp', 3, 2],
      ['udp', 4, 3],
      ['tcp', 5, 4],
    ]);
  });

  it('numbers lines the same for CRLF, CR and LF line ends', () => {
    for (const eol of ['\r\n', '\r', '\n']) {
      const text = ['Active Connections', '', row('10.0.0.1:50000', 1), row('10.0.0.1:50001', 2)].join(eol);
      expect(
        parseNetstat(text).rows.map((r) => r.line),
        JSON.stringify(eol),
      ).toEqual([3, 4]);
    }
  });

  it('reads a row marked "> " by Select-String, and only a marker followed by blanks', () => {
    const { rows } = parseNetstat(`>   ${row('10.0.0.1:50000', 42).trim()}\n  > [svchost.exe]`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ localPort: 50000, pid: 42, exe: 'svchost.exe', services: [] });
    expect(parseNetstat(`>${row('10.0.0.1:50000', 42).trim()}`).rows).toEqual([]);
    expect(parseNetstat(`x> ${row('10.0.0.1:50000', 42).trim()}`).rows).toEqual([]);
  });

  it('gives the services and exe of -b only to the row right above them', () => {
    const text = [
      row('10.0.0.1:50000', 10),
      '  CryptSvc',
      row('10.0.0.1:50001', 11),
      ' [svchost.exe]',
      ' [second.exe]',
      row('10.0.0.1:50002', 12),
      '  Dnscache',
      '',
      ' [orphan.exe]',
    ].join('\r\n');
    const { rows } = parseNetstat(text);
    expect(rows.map((r) => [r.pid, r.exe, r.services])).toEqual([
      [10, null, []],
      [11, 'svchost.exe', []],
      [12, null, []],
    ]);
  });

  it('keeps the services of the lines between a row and its exe, in order', () => {
    const text = [row('10.0.0.1:50000', 10), '  RpcSs', '  Dnscache', ' [svchost.exe]'].join('\n');
    expect(parseNetstat(text).rows[0]).toMatchObject({ exe: 'svchost.exe', services: ['RpcSs', 'Dnscache'] });
  });

  it('does not take "[]" or a half-bracketed line for an exe', () => {
    const text = [row('10.0.0.1:50000', 10), ' []', ' [a.exe', ' b.exe]', ' [c.exe]'].join('\n');
    expect(parseNetstat(text).rows[0]).toMatchObject({
      exe: 'c.exe',
      services: ['[]', '[a.exe', 'b.exe]'],
    });
  });

  it('warns once about host names, on the first row that has one', () => {
    const text = [
      row('10.0.0.1:50000', 1),
      '  TCP    10.0.0.1:50001    cdn-1:https    ESTABLISHED    2',
      '  TCP    pc7:50002    10.0.0.2:443    ESTABLISHED    3',
    ].join('\n');
    const { rows, errors } = parseNetstat(text, 'pc7.txt');
    expect(rows).toHaveLength(3);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: 'pc7.txt', line: 2 });
    expect(errors[0].message).toContain('host names');
    expect(errors[0].message).toContain('tên máy');
  });

  it('does not warn when no address is a name, and names the default file "netstat"', () => {
    expect(parseNetstat(row('10.0.0.1:50000', 1)).errors).toEqual([]);
    const { errors } = parseNetstat('  TCP    10.0.0.1:50000\n');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: 'netstat', line: 1 });
  });

  it('reports a row with one address or none, quoting at most 100 characters of it', () => {
    const long = `  TCP    10.0.0.1:135    ${'x'.repeat(200)}!:1    LISTENING`;
    const { rows, errors } = parseNetstat(['  UDP', '  TCP    10.0.0.1:135', long].join('\n'), 'f.txt');
    expect(rows).toEqual([]);
    expect(errors.map((e) => [e.file, e.line])).toEqual([
      ['f.txt', 1],
      ['f.txt', 2],
      ['f.txt', 3],
    ]);
    expect(errors[0].message).toContain('"UDP"');
    expect(errors[1].message).toContain('"TCP 10.0.0.1:135"');
    const quoted = /"(TCP [^"]*)"/.exec(errors[2].message)?.[1] ?? '';
    expect(quoted).toBe(`TCP 10.0.0.1:135 ${'x'.repeat(200)}`.slice(0, 100));
    expect(quoted).toHaveLength(100);
    expect(errors[2].message).toContain('netstat -ano');
    expect(errors[2].message).toContain('Không đọc được');
  });

  it('reads a Linux row of exactly five tokens (UDP, no state, no owner column)', () => {
    const { rows, errors } = parseNetstat('udp        0      0 0.0.0.0:68              0.0.0.0:*');
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      {
        protocol: 'udp',
        localAddress: '0.0.0.0',
        localPort: 68,
        remoteAddress: '*',
        remotePort: 0,
        state: '',
        pid: null,
        exe: null,
        services: [],
        line: 1,
      },
    ]);
  });

  it('does not take a Windows row with a numeric state-less tail for a Linux one', () => {
    // Four tokens: "UDP addr addr pid" is Windows even though the last one is digits.
    const { rows } = parseNetstat('  UDP    0.0.0.0:500    *:*    4312');
    expect(rows[0]).toMatchObject({ localPort: 500, remoteAddress: '*', pid: 4312, exe: null });
  });

  it('reads a Linux owner "PID/" only with a program after the slash', () => {
    const { rows } = parseNetstat('tcp        0      0 10.0.0.2:40000   203.0.113.9:443   ESTABLISHED 77/');
    // "77/" is not "PID/Program": it stays a word of the state column.
    expect(rows[0]).toMatchObject({ pid: null, exe: null, state: 'ESTABLISHED 77/' });
    const named = parseNetstat('tcp        0      0 10.0.0.2:40000   203.0.113.9:443   ESTABLISHED 77/a/b');
    expect(named.rows[0]).toMatchObject({ pid: 77, exe: 'a/b', state: 'ESTABLISHED' });
  });

  it('keeps the remote of a TCP socket whose remote port is "*" as printed', () => {
    const { rows } = parseNetstat('  TCP    0.0.0.0:135    10.0.0.9:*    LISTENING    4');
    expect(rows[0]).toMatchObject({ remoteAddress: '10.0.0.9', remotePort: 0, state: 'LISTEN', pid: 4 });
  });

  it('sets a UDP remote "*" only when its port is "*"', () => {
    const { rows } = parseNetstat(
      ['  UDP    0.0.0.0:500    10.0.0.9:*    4', '  UDP    0.0.0.0:501    10.0.0.9:0    5'].join('\n'),
    );
    expect(rows.map((r) => [r.remoteAddress, r.remotePort])).toEqual([
      ['*', 0],
      ['10.0.0.9', 0],
    ]);
  });
});

describe('parseNetstat: rows that only look like rows', () => {
  it('reports a row with a number where the remote address should be', () => {
    const { rows, errors } = parseNetstat('  TCP    10.0.0.1:135    7    10.0.0.2:2    10.0.0.3:3', 'n.txt');
    expect(rows).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: 'n.txt', line: 1 });
  });

  it('keeps " > " inside a -b service line as printed', () => {
    const text = [
      '  TCP    10.0.0.1:50000    203.0.113.9:443    ESTABLISHED    10',
      '  Svc > Name',
      ' [a.exe]',
    ].join('\n');
    expect(parseNetstat(text).rows[0]).toMatchObject({ exe: 'a.exe', services: ['Svc > Name'] });
  });

  it('takes a line for the exe only when it starts with "[" and ends with "]"', () => {
    const text = [
      '  TCP    10.0.0.1:50000    203.0.113.9:443    ESTABLISHED    10',
      '  x [a.exe]',
      '  [b.exe] x',
      '  [c.exe]',
    ].join('\n');
    expect(parseNetstat(text).rows[0]).toMatchObject({ exe: 'c.exe', services: ['x [a.exe]', '[b.exe] x'] });
  });

  it('ignores an [exe] line before any row', () => {
    const text = [' [svchost.exe]', '  TCP    10.0.0.1:50000    203.0.113.9:443    ESTABLISHED    10'].join(
      '\n',
    );
    expect(parseNetstat(text).rows).toMatchObject([{ exe: null, services: [], pid: 10 }]);
  });

  it('reads a Linux UDP row whose owner is "-" with an empty state', () => {
    const { rows } = parseNetstat('udp        0      0 0.0.0.0:68              0.0.0.0:*     -');
    expect(rows[0]).toMatchObject({ state: '', pid: null, exe: null, remoteAddress: '*' });
  });

  it('takes a Linux owner only when the token starts with the PID', () => {
    const { rows } = parseNetstat('tcp        0      0 10.0.0.2:40000   203.0.113.9:443   ESTABLISHED a1/b');
    expect(rows[0]).toMatchObject({ pid: null, exe: null, state: 'ESTABLISHED a1/b' });
  });
});

describe('state words: the limits of the tolerant key', () => {
  it('trims tabs and line breaks before counting lost characters', () => {
    const padded = '\t\t\r\nTIME_WAIT\t\t\n';
    expect(isKnownTcpState(padded)).toBe(true);
    expect(isEndedState(padded)).toBe(true);
    expect(isEndedConnection({ state: padded, pid: 0 })).toBe(true);
  });

  it('matches a word that lost exactly three characters, not four', () => {
    expect(normaliseTcpState('LIS???TENING')).toBe('LISTEN');
    expect(normaliseTcpState('LIS????TENING')).toBe('LIS????TENING');
  });

  it('counts blanks, "_" and "-" as separators, not as lost characters', () => {
    expect(normaliseTcpState('F I N - W A I T _ 2')).toBe('FIN_WAIT_2');
    expect(normaliseTcpState('time wait')).toBe('TIME_WAIT');
  });

  it('never matches a key of three characters or fewer', () => {
    for (const word of ['', 'LIS', 'ACK', '???', 'A_B_C']) expect(isKnownTcpState(word), word).toBe(false);
  });

  it('keeps the word trimmed, and maps a padded known word', () => {
    expect(normaliseTcpState('\t ESTABLISHED \t')).toBe('ESTABLISHED');
    expect(isKnownTcpState('  LISTENING  ')).toBe(true);
    expect(isEndedState('  CLOSED  ')).toBe(true);
  });
});

describe('isEndedConnection: the one rule for "recently connected"', () => {
  it('is true for a closed-here or ended state that no process owns (PID 0 or none)', () => {
    for (const state of [
      'TIME_WAIT',
      'CLOSED',
      'DELETE_TCB',
      'FIN_WAIT_1',
      'FIN_WAIT_2',
      'CLOSING',
      'LAST_ACK',
    ]) {
      expect(isEndedConnection({ state, pid: 0 }), state).toBe(true);
      expect(isEndedConnection({ state: ` ${state.toLowerCase()} `, pid: null }), state).toBe(true);
    }
    expect(isEndedConnection({ state: 'WARTEND', pid: 0 })).toBe(true);
  });

  it('is false for an owned socket, an open state, UDP and a word nobody mapped', () => {
    expect(isEndedConnection({ state: 'TIME_WAIT', pid: 4 })).toBe(false);
    expect(isEndedConnection({ state: 'FIN_WAIT_2', pid: 1 })).toBe(false);
    for (const state of ['ESTABLISHED', 'CLOSE_WAIT', 'LISTEN', 'SYN_SENT', 'SYN_RECEIVED', '', 'FECHADO'])
      expect(isEndedConnection({ state, pid: 0 }), state).toBe(false);
  });
});
