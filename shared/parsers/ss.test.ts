import { describe, expect, it } from 'vitest';
import { parseSs } from './ss';

// Rows in the shape iproute2 6.1 prints for `ss -tunap` (with and without -H).
const SAMPLE = [
  'Netid State  Recv-Q Send-Q        Local Address:Port    Peer Address:PortProcess',
  'udp   UNCONN 0      0         127.0.0.53%lo:53           0.0.0.0:*    users:(("systemd-resolve",pid=512,fd=13))',
  'udp   ESTAB  0      0        192.168.1.5:51000      203.0.113.9:443  users:(("chrome",pid=900,fd=40))',
  'tcp   LISTEN 0      511             0.0.0.0:80           0.0.0.0:*    users:(("nginx",pid=700,fd=6),("nginx",pid=701,fd=6))',
  'tcp   ESTAB  0      0      [::ffff:127.0.0.1]:8080 [::ffff:127.0.0.9]:51234 users:(("Web Content",pid=1234,fd=9))',
  'tcp   LISTEN 0      128                [::]:22              [::]:*',
  'tcp   TIME-WAIT 0   0           127.0.0.1:5000       127.0.0.1:40000',
  'udp   UNCONN 0      0      [fe80::1%eth0]:546             [::]:*',
  'u_str ESTAB  0      0      /run/x 123 * 456',
].join('\n');

describe('parseSs', () => {
  it('reads TCP and UDP rows, skipping the header and other socket kinds', () => {
    const { rows, errors } = parseSs(SAMPLE);
    expect(errors).toEqual([]);
    expect(rows).toHaveLength(7);
    expect(rows.map((r) => r.line)).toEqual([2, 3, 4, 5, 6, 7, 8]);
  });

  it('drops interface suffixes, folds IPv4-mapped addresses and normalises states', () => {
    const { rows } = parseSs(SAMPLE);
    expect(rows[0]).toMatchObject({
      protocol: 'udp',
      localAddress: '127.0.0.53',
      localPort: 53,
      remoteAddress: '*',
      remotePort: 0,
      state: '',
    });
    expect(rows[3]).toMatchObject({
      localAddress: '127.0.0.1',
      remoteAddress: '127.0.0.9',
      remotePort: 51234,
      state: 'ESTABLISHED',
    });
    expect(rows[5].state).toBe('TIME_WAIT');
    expect(rows[6]).toMatchObject({ localAddress: 'fe80::1', localPort: 546, remoteAddress: '*' });
    expect(rows[2]).toMatchObject({
      localAddress: '0.0.0.0',
      remoteAddress: '0.0.0.0',
      remotePort: 0,
      state: 'LISTEN',
    });
    expect(parseSs('tcp LISTEN 0 511 *:8080 *:*').rows[0]).toMatchObject({
      localAddress: '::',
      remoteAddress: '*',
    });
  });

  it('keeps a connected UDP socket with its remote', () => {
    expect(parseSs(SAMPLE).rows[1]).toMatchObject({
      protocol: 'udp',
      remoteAddress: '203.0.113.9',
      remotePort: 443,
      pid: 900,
      state: 'ESTABLISHED',
    });
  });

  it('reads pid and name, a name with a blank, the first of several processes, none without permission', () => {
    const { rows } = parseSs(SAMPLE);
    expect(rows[2]).toMatchObject({ pid: 700, processName: 'nginx' });
    expect(rows[3]).toMatchObject({ pid: 1234, processName: 'Web Content' });
    expect(rows[4]).toMatchObject({ pid: null, processName: null });
  });

  it('reports a tcp row whose address cannot be read', () => {
    const { rows, errors } = parseSs('tcp ESTAB 0 0 nonsense 1.2.3.4:5', 'ss-capture');
    expect(rows).toEqual([]);
    expect(errors[0]).toMatchObject({ file: 'ss-capture', line: 1 });
  });
});
