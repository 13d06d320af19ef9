import { describe, expect, it } from 'vitest';
import { commandKey, createReplayRunner } from '../command-runner';
import { createConnectionService } from '.';
import type { SystemInformationLike } from './unix-si';

type SiRow = Awaited<ReturnType<SystemInformationLike['networkConnections']>>[number];

// Rows in the shape systeminformation 5.33 returns (see shared/realdata 16): ports as strings,
// "*" wildcards, zone ids kept, process '' where it found none.
const SI_ROWS: SiRow[] = [
  {
    protocol: 'tcp4',
    localAddress: '192.168.0.27',
    localPort: '55788',
    peerAddress: '163.128.1.2',
    peerPort: '443',
    state: 'CLOSE_WAIT',
    pid: 702,
    process: '',
  },
  {
    protocol: 'tcp6',
    localAddress: '*',
    localPort: '7000',
    peerAddress: '*',
    peerPort: '*',
    state: 'LISTEN',
    pid: 7267,
    process: 'ControlCenter',
  },
  {
    protocol: 'udp6',
    localAddress: 'fe80::1%lo0',
    localPort: '5353',
    peerAddress: '*',
    peerPort: '*',
    state: '',
    pid: 99,
    process: 'mDNSResponder',
  },
  {
    protocol: 'tcp6',
    localAddress: '::ffff:10.0.0.5',
    localPort: '50000',
    peerAddress: '::ffff:127.0.0.9',
    peerPort: '8080',
    state: 'ESTABLISHED',
    pid: 0,
    process: '',
  },
];

const fakeSi = (rows: SiRow[]): SystemInformationLike => ({
  networkConnections: () => Promise.resolve(rows),
});

describe('connection service on macOS (systeminformation + ps)', () => {
  it('maps systeminformation rows onto connections and fills paths from one ps call', async () => {
    const ran: string[] = [];
    const runner = createReplayRunner(
      {
        [commandKey('ps', ['-o', 'pid=,comm=', '-p', '702,7267,99'])]:
          '  702 /Applications/Foo App.app/Contents/MacOS/Foo App\n 7267 /System/Library/CoreServices/ControlCenter.app/Contents/MacOS/ControlCenter\n',
      },
      (file, args) => ran.push(commandKey(file, args)),
    );
    const { connections, warnings } = await createConnectionService({
      runner,
      platform: 'darwin',
      si: fakeSi(SI_ROWS),
    }).list();
    expect(warnings).toEqual([]);
    expect(ran).toEqual(['ps -o pid=,comm= -p 702,7267,99']);
    expect(connections[0]).toEqual({
      protocol: 'tcp',
      localAddress: '192.168.0.27',
      localPort: 55788,
      remoteAddress: '163.128.1.2',
      remotePort: 443,
      state: 'CLOSE_WAIT',
      pid: 702,
      processName: 'Foo App',
      processPath: '/Applications/Foo App.app/Contents/MacOS/Foo App',
      services: [],
    });
    expect(connections[1]).toMatchObject({
      localAddress: '::',
      remoteAddress: '*',
      remotePort: 0,
      processName: 'ControlCenter',
    });
    expect(connections[2]).toMatchObject({
      protocol: 'udp',
      localAddress: 'fe80::1',
      state: '',
      processPath: null,
    });
    expect(connections[3]).toMatchObject({ localAddress: '10.0.0.5', remoteAddress: '127.0.0.9', pid: null });
  });
});

describe('connection service on Linux without ss', () => {
  it('falls back to systeminformation with a warning, and reads paths from /proc', async () => {
    const runner = createReplayRunner({});
    const readlink = (path: string) =>
      path === '/proc/702/exe'
        ? Promise.resolve('/usr/lib/firefox/firefox')
        : Promise.reject(new Error('EACCES'));
    const { connections, warnings } = await createConnectionService({
      runner,
      platform: 'linux',
      si: fakeSi(SI_ROWS),
      readlink,
    }).list();
    expect(warnings.map((w) => w.file)).toEqual(['ss -tunapH']);
    expect(connections).toHaveLength(4);
    expect(connections[0]).toMatchObject({ pid: 702, processPath: '/usr/lib/firefox/firefox' });
    expect(connections[1]).toMatchObject({ pid: 7267, processPath: null });
  });

  it('takes the whole name from the exe when the kernel cut it at 15 characters', async () => {
    const runner = createReplayRunner({
      [commandKey('ss', ['-tunapH'])]:
        'udp UNCONN 0 0 127.0.0.53%lo:53 0.0.0.0:* users:(("systemd-resolve",pid=512,fd=13))\n',
    });
    const readlink = () => Promise.resolve('/usr/lib/systemd/systemd-resolved');
    const { connections } = await createConnectionService({ runner, platform: 'linux', readlink }).list();
    expect(connections[0]).toMatchObject({ processName: 'systemd-resolved', remoteAddress: '*', state: '' });
  });

  it('uses ss when it runs, and never asks systeminformation', async () => {
    const runner = createReplayRunner({
      [commandKey('ss', ['-tunapH'])]:
        'tcp ESTAB 0 0 10.0.0.2:40000 203.0.113.9:443 users:(("curl",pid=4242,fd=5))\n',
    });
    const si: SystemInformationLike = {
      networkConnections: () => Promise.reject(new Error('must not be called')),
    };
    const readlink = () => Promise.resolve('/usr/bin/curl');
    const { connections, warnings } = await createConnectionService({
      runner,
      platform: 'linux',
      si,
      readlink,
    }).list();
    expect(warnings).toEqual([]);
    expect(connections).toEqual([
      {
        protocol: 'tcp',
        localAddress: '10.0.0.2',
        localPort: 40000,
        remoteAddress: '203.0.113.9',
        remotePort: 443,
        state: 'ESTABLISHED',
        pid: 4242,
        processName: 'curl',
        processPath: '/usr/bin/curl',
        services: [],
      },
    ]);
  });
});
