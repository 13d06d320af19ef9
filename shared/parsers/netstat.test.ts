import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEndpoint, parseNetstat, type NetstatRow } from './netstat';

const fixture = (name: string) =>
  readFileSync(new URL(`../../test/fixtures/netstat/${name}`, import.meta.url), 'utf8');
const parse = (name: string) => parseNetstat(fixture(name), name);
const find = (rows: NetstatRow[], local: string, port: number, remote?: string) =>
  rows.filter(
    (r) =>
      r.localAddress === local &&
      r.localPort === port &&
      (remote === undefined || r.remoteAddress === remote),
  );

describe('parseNetstat on the real captures', () => {
  it('reads every row of the English `netstat -an` (no PID column), IPv6 and zone ids', () => {
    const { rows, errors } = parse('an-en-mozilla.txt');
    expect(errors).toEqual([]);
    expect(rows).toHaveLength(28);
    expect(rows.filter((r) => r.protocol === 'tcp')).toHaveLength(13);
    expect(rows.every((r) => r.pid === null)).toBe(true);
    expect(find(rows, '10.0.2.15', 49671)[0]).toMatchObject({
      remoteAddress: '131.253.34.248',
      remotePort: 443,
      state: 'ESTABLISHED',
    });
    expect(find(rows, '::', 135)[0]).toMatchObject({ remoteAddress: '::', remotePort: 0, state: 'LISTEN' });
    // "[fe80::1c5a:2c75:6ce3:9f0%3]:54109": zone id dropped, UDP "*:*" is "*" port 0, no state.
    expect(find(rows, 'fe80::1c5a:2c75:6ce3:9f0', 54109)[0]).toMatchObject({
      protocol: 'udp',
      remoteAddress: '*',
      remotePort: 0,
      state: '',
    });
  });

  it('reads the PID of `netstat -ano`, also after the wide gap of UDP rows', () => {
    const { rows, errors } = parse('ano-en-htb.txt');
    expect(errors).toEqual([]);
    expect(rows).toHaveLength(30);
    expect(find(rows, '0.0.0.0', 21)[0]).toMatchObject({ state: 'LISTEN', pid: 2088 });
    expect(find(rows, '10.129.58.16', 3389)[0]).toMatchObject({
      remoteAddress: '10.10.14.164',
      remotePort: 50484,
      pid: 972,
    });
    expect(find(rows, '0.0.0.0', 123)[0]).toMatchObject({ protocol: 'udp', state: '', pid: 1052 });
    expect(find(rows, 'fe80::add8:f5c1:76a0:4106', 65086)[0]).toMatchObject({ pid: 3668 });
  });

  it('never takes a header line for a connection, in any language', () => {
    for (const name of [
      'an-en-mozilla.txt',
      'anb-fr.txt',
      'an-de-cp850-mojibake.txt',
      'nabo-es-mojibake.txt',
    ]) {
      const { rows } = parse(name);
      const headerLine = fixture(name)
        .split('\n')
        .findIndex((l) => l.trim().startsWith('Proto'));
      expect(headerLine, name).toBeGreaterThanOrEqual(0);
      expect(rows.some((r) => r.line === headerLine + 1)).toBe(false);
    }
    const header = 'Connexions actives\n\n  Proto  Adresse locale         Adresse distante       État\n';
    expect(parseNetstat(header)).toEqual({ rows: [], errors: [] });
  });

  it('attaches the `-b` service and exe lines of the French capture to the row above them', () => {
    const { rows, errors } = parse('anb-fr.txt');
    expect(errors).toEqual([]);
    expect(rows).toHaveLength(20);
    expect(find(rows, '0.0.0.0', 135)[0]).toMatchObject({
      exe: 'svchost.exe',
      services: ['RpcSs'],
      state: 'LISTEN',
    });
    expect(find(rows, '0.0.0.0', 902)[0]).toMatchObject({ exe: 'vmware-authd.exe', services: [] });
    expect(find(rows, '10.33.51.143', 60851)[0]).toMatchObject({
      exe: 'svchost.exe',
      services: ['CDPUserSvc_1e10a891'],
    });
    expect(find(rows, '10.33.51.143', 60367)[0]).toMatchObject({ state: 'LAST_ACK', exe: 'SearchHost.exe' });
    // TIME_WAIT rows have no owner lines at all.
    expect(find(rows, '10.33.51.143', 60742)[0]).toMatchObject({ exe: null, services: [] });
  });

  it('reads "Impossible d’obtenir les informations de propriétaire" as no exe, not as a service', () => {
    const { rows } = parse('anb-fr.txt');
    expect(find(rows, '0.0.0.0', 445)[0]).toMatchObject({ exe: null, services: [] });
    expect(find(rows, '10.3.1.1', 137)[0]).toMatchObject({ protocol: 'udp', exe: null, services: [] });
  });

  it('keeps the remote of a connected UDP (QUIC) socket', () => {
    const { rows } = parse('anb-fr.txt');
    expect(find(rows, '0.0.0.0', 49195)[0]).toMatchObject({
      protocol: 'udp',
      remoteAddress: '172.217.20.170',
      remotePort: 443,
      exe: 'chrome.exe',
    });
    expect(find(rows, '127.0.0.1', 53623)[0]).toMatchObject({
      remoteAddress: '127.0.0.1',
      remotePort: 53623,
      services: ['iphlpsvc'],
    });
    expect(find(rows, 'fe80::b0e0:21c:e45e:6219', 49245)[0]).toMatchObject({ services: ['SSDPSRV'] });
  });

  it('normalises the German states, "ABH™REN" mojibake included', () => {
    const { rows, errors } = parse('an-de-cp850-mojibake.txt');
    expect(errors).toEqual([]);
    expect(rows).toHaveLength(19);
    expect(find(rows, '0.0.0.0', 102)[0]).toMatchObject({
      protocol: 'tcp',
      remoteAddress: '0.0.0.0',
      state: 'LISTEN',
      pid: null,
    });
    expect(find(rows, '127.0.0.1', 44080, '127.0.0.1').map((r) => r.state)).toEqual([
      'ESTABLISHED',
      'FIN_WAIT_2',
    ]);
    expect(find(rows, '127.0.0.1', 49186)[0].state).toBe('CLOSE_WAIT');
    expect(find(rows, '127.0.0.1', 51231)[0].state).toBe('TIME_WAIT');
    expect(find(rows, '::1', 22350)[0]).toMatchObject({
      remoteAddress: '::1',
      remotePort: 49370,
      state: 'ESTABLISHED',
    });
    expect(find(rows, '0.0.0.0', 1434)[0]).toMatchObject({ protocol: 'udp', state: '' });
  });

  it('reads the German `-anbo` fragment out of Select-String output, PID after ABHÖREN', () => {
    const { rows } = parse('anbo-de-select-string.txt');
    expect(rows).toEqual([
      expect.objectContaining({ localPort: 12345, state: 'LISTEN', pid: 7508, exe: 'testbinary.exe' }),
      expect.objectContaining({
        localAddress: '192.168.0.2',
        localPort: 139,
        state: 'LISTEN',
        pid: 4,
        exe: null,
      }),
    ]);
  });

  it('reads the Spanish captures, with the OEM mojibake of the `-nabo` file', () => {
    const an = parse('an-es.txt');
    expect(an.rows).toHaveLength(9);
    expect(find(an.rows, '192.168.2.113', 49776)[0]).toMatchObject({
      remoteAddress: '189.247.216.162',
      state: 'CLOSE_WAIT',
    });
    const nabo = parse('nabo-es-mojibake.txt');
    expect(nabo.errors).toEqual([]);
    expect(nabo.rows).toHaveLength(11);
    expect(find(nabo.rows, '0.0.0.0', 135)[0]).toMatchObject({
      pid: 1052,
      exe: 'svchost.exe',
      services: ['RpcEptMapper'],
    });
    // "No se puede obtener informaci¢n de propiedad": no exe.
    expect(find(nabo.rows, '0.0.0.0', 445)[0]).toMatchObject({ pid: 4, exe: null, services: [] });
    expect(find(nabo.rows, '192.168.0.106', 50046)[0]).toMatchObject({ state: 'TIME_WAIT', pid: 0 });
    expect(find(nabo.rows, '::', 5355)[0]).toMatchObject({
      protocol: 'udp',
      pid: 2448,
      services: ['Dnscache'],
    });
  });

  it('reads `netstat -o` with host and port names, and warns that names cannot be matched by IP', () => {
    const { rows, errors } = parse('o-es-hostnames.txt');
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatchObject({ remoteAddress: 'desktop-dqp1bri', remotePort: 49863, pid: 6472 });
    expect(rows[1]).toMatchObject({ remoteAddress: '104.18.13.33', remotePort: 443 });
    expect(rows[2]).toMatchObject({ remoteAddress: 'cdn-185-199-108-153', remotePort: 443 });
    expect(rows[3]).toMatchObject({ remotePort: 80, state: 'TIME_WAIT', pid: 0 });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: 'o-es-hostnames.txt', line: 2 });
    expect(errors[0].message).toContain('netstat -ano');
  });
});

describe('parseNetstat on shapes the captures do not show', () => {
  it('does not let a mojibake, split or unknown state shift the PID column', () => {
    const text = [
      '  TCP    0.0.0.0:135     0.0.0.0:0     ABH REN         1060',
      '  TCP    0.0.0.0:136     0.0.0.0:0     IN ASCOLTO      4',
      '  TCP    0.0.0.0:137     0.0.0.0:0     ZUSTAND_X       12',
      '  TCP    0.0.0.0:138     0.0.0.0:0     FOO BAR',
      '  tcpv6  [::]:139        [::]:0        LISTENING       8',
    ].join('\r\n');
    const { rows, errors } = parseNetstat(text);
    expect(errors).toEqual([]);
    expect(rows.map((r) => [r.localPort, r.state, r.pid])).toEqual([
      [135, 'LISTEN', 1060],
      // No real capture prints IN ASCOLTO (Italian Windows prints LISTENING): kept as printed.
      [136, 'IN ASCOLTO', 4],
      [137, 'ZUSTAND_X', 12],
      [138, 'FOO BAR', null],
      [139, 'LISTEN', 8],
    ]);
  });

  it('folds IPv4-mapped addresses to IPv4', () => {
    const { rows } = parseNetstat(
      '  TCP    [::ffff:10.1.2.3]:50000   [::ffff:203.0.113.9]:443   ESTABLISHED   77',
    );
    expect(rows[0]).toMatchObject({
      localAddress: '10.1.2.3',
      remoteAddress: '203.0.113.9',
      remotePort: 443,
      pid: 77,
    });
  });

  it('keeps a service name with a blank ("Service KMSELDI") above the exe line', () => {
    const text =
      '  TCP    0.0.0.0:1688   0.0.0.0:0   LISTENING   1432\n  Service KMSELDI\n [Service_KMS.exe]\n';
    expect(parseNetstat(text).rows[0]).toMatchObject({
      exe: 'Service_KMS.exe',
      services: ['Service KMSELDI'],
      pid: 1432,
    });
  });

  it('reports a row whose addresses cannot be read, with file and line, and goes on', () => {
    const text =
      'Active Connections\n  TCP    0.0.0.0:135   garbage!   LISTENING\n  UDP    0.0.0.0:53   *:*   9\n';
    const { rows, errors } = parseNetstat(text, 'pc7.txt');
    expect(rows).toHaveLength(1);
    expect(errors).toEqual([
      { file: 'pc7.txt', line: 2, message: expect.stringContaining('garbage!') as string },
    ]);
  });
});

describe('parseNetstat on Linux net-tools captures', () => {
  it('reads Recv-Q/Send-Q rows with "PID/Program", a program name with blanks, and "-"', () => {
    const text = [
      'Active Internet connections (servers and established)',
      'Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name',
      'tcp        0      0 0.0.0.0:22              0.0.0.0:*               LISTEN      812/sshd: /usr/sbin',
      'tcp6       0      0 ::ffff:127.0.0.1:8080   ::ffff:127.0.0.9:51234  ESTABLISHED 1234/node',
      'udp        0      0 127.0.0.53:53           0.0.0.0:*                           512/systemd-resolve',
      'tcp        0      0 10.0.0.2:40000          203.0.113.9:443         TIME_WAIT   -',
    ].join('\n');
    const { rows, errors } = parseNetstat(text);
    expect(errors).toEqual([]);
    expect(
      rows.map((r) => [r.protocol, r.localAddress, r.localPort, r.remoteAddress, r.state, r.pid, r.exe]),
    ).toEqual([
      ['tcp', '0.0.0.0', 22, '0.0.0.0', 'LISTEN', 812, 'sshd: /usr/sbin'],
      ['tcp', '127.0.0.1', 8080, '127.0.0.9', 'ESTABLISHED', 1234, 'node'],
      ['udp', '127.0.0.53', 53, '*', '', 512, 'systemd-resolve'],
      ['tcp', '10.0.0.2', 40000, '203.0.113.9', 'TIME_WAIT', null, null],
    ]);
  });
});

describe('parseEndpoint', () => {
  it('splits every address form netstat and ss print', () => {
    expect(parseEndpoint('[fe80::1%eth0]:546')).toEqual({ address: 'fe80::1', port: 546, isName: false });
    expect(parseEndpoint('127.0.0.53%lo:53')).toEqual({ address: '127.0.0.53', port: 53, isName: false });
    expect(parseEndpoint(':::22')).toEqual({ address: '::', port: 22, isName: false });
    expect(parseEndpoint('::ffff:127.0.0.9:8080')).toEqual({
      address: '127.0.0.9',
      port: 8080,
      isName: false,
    });
    expect(parseEndpoint('*:*')).toEqual({ address: '*', port: 0, isName: false });
    expect(parseEndpoint('0.0.0.0:99999')).toBeNull();
    expect(parseEndpoint('[::1]135')).toBeNull();
  });
});
