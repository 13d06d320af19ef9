import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { commandKey, createReplayRunner } from '../command-runner';
import { createConnectionService } from '.';
import { UserError } from '../../shared/errors';

const fixture = (path: string) =>
  readFileSync(new URL(`../../test/fixtures/${path}`, import.meta.url), 'utf8');

// What the three commands print on a German Windows: netstat redirected through PowerShell comes
// as UTF-16LE with BOM, tasklist in the console's OEM code page (CP850).
const netstatBytes = new Uint8Array(
  Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(fixture('netstat/ano-en-htb.txt'), 'utf-16le')]),
);
const tasklistBytes = new Uint8Array(iconv.encode(fixture('tasklist/constructed-htb-tasklist.csv'), 'cp850'));
const svcBytes = new Uint8Array(iconv.encode(fixture('tasklist/constructed-htb-tasklist-svc.csv'), 'cp850'));

function replay(dir = '') {
  const ran: string[] = [];
  const runner = createReplayRunner(
    {
      [commandKey(`${dir}netstat.exe`, ['-ano'])]: netstatBytes,
      [commandKey(`${dir}tasklist.exe`, ['/fo', 'csv', '/nh'])]: tasklistBytes,
      [commandKey(`${dir}tasklist.exe`, ['/svc', '/fo', 'csv', '/nh'])]: svcBytes,
    },
    (file, args) => ran.push(commandKey(file, args)),
  );
  return { runner, ran };
}

describe('connection service on Windows (replayed commands)', () => {
  it('runs exactly netstat -ano, tasklist /fo csv /nh and tasklist /svc /fo csv /nh, once each', async () => {
    const { runner, ran } = replay();
    await createConnectionService({
      runner,
      platform: 'win32',
      codePage: 850,
      windowsSystemDir: null,
    }).list();
    expect(ran.sort()).toEqual([
      'netstat.exe -ano',
      'tasklist.exe /fo csv /nh',
      'tasklist.exe /svc /fo csv /nh',
    ]);
  });

  it('runs the tools from System32 by full path when given the folder', async () => {
    const { runner, ran } = replay('C:\\Windows\\System32\\');
    const { connections } = await createConnectionService({
      runner,
      platform: 'win32',
      codePage: 850,
      windowsSystemDir: 'C:\\Windows\\System32',
    }).list();
    expect(ran).toHaveLength(3);
    expect(ran.every((key) => key.startsWith('C:\\Windows\\System32\\'))).toBe(true);
    expect(connections).toHaveLength(30);
  });

  it('joins by PID: process name from tasklist, services from tasklist /svc, no path', async () => {
    const { runner } = replay();
    const { connections, warnings } = await createConnectionService({
      runner,
      platform: 'win32',
      codePage: 850,
      windowsSystemDir: null,
    }).list();
    expect(warnings).toEqual([]);
    expect(connections).toHaveLength(30);
    expect(connections.find((c) => c.localPort === 135 && c.localAddress === '0.0.0.0')).toEqual({
      protocol: 'tcp',
      localAddress: '0.0.0.0',
      localPort: 135,
      remoteAddress: '0.0.0.0',
      remotePort: 0,
      state: 'LISTEN',
      pid: 840,
      processName: 'svchost.exe',
      processPath: null,
      services: ['RpcEptMapper', 'RpcSs'],
    });
    const loopback = connections.find((c) => c.localPort === 49671);
    expect(loopback).toMatchObject({ pid: 2312, processName: 'Bürosoftware.exe', services: [] });
    expect(
      connections.find((c) => c.protocol === 'udp' && c.localPort === 123 && c.localAddress === '0.0.0.0'),
    ).toMatchObject({
      processName: 'svchost.exe',
      services: ['W32Time'],
    });
    expect(
      connections
        .filter((c) => c.pid === 4)
        .every((c) => c.processName === 'System' && c.services.length === 0),
    ).toBe(true);
  });

  it('still lists connections, with a warning each, when the tasklist commands fail', async () => {
    const runner = createReplayRunner({ [commandKey('netstat.exe', ['-ano'])]: netstatBytes });
    const { connections, warnings } = await createConnectionService({
      runner,
      platform: 'win32',
      windowsSystemDir: null,
    }).list();
    expect(connections).toHaveLength(30);
    expect(connections.every((c) => c.processName === null && c.services.length === 0)).toBe(true);
    expect(warnings.map((w) => w.file)).toEqual(['tasklist', 'tasklist /svc']);
  });

  it('fails with a clear error a person can act on when netstat cannot run', async () => {
    const runner = createReplayRunner({});
    const list = createConnectionService({ runner, platform: 'win32', windowsSystemDir: null }).list();
    await expect(list).rejects.toBeInstanceOf(UserError);
    await expect(list).rejects.toThrow(/netstat -ano/);
  });
});
