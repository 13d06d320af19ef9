import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Connection } from '../../shared/domain';
import { createLineHost, hostArguments, HOST_SCRIPT, powershellPath, type LineHost } from './powershell-host';
import { createProcessInfoService, hostProcessSource, type ProcessSource } from './process-info-service';
import { connection } from '../../test/support/connection';

const child = fileURLToPath(new URL('../../test/support/processes/host-child.cjs', import.meta.url));
const hosts: LineHost[] = [];
const nodeHost = (timeoutMs = 5_000): LineHost => {
  const h = createLineHost({ file: process.execPath, args: [child], timeoutMs });
  hosts.push(h);
  return h;
};
afterEach(() => {
  for (const h of hosts.splice(0)) h.close();
});

const conn = (pid: number, processName: string | null): Connection =>
  connection({
    localAddress: '192.168.1.20',
    localPort: 49822,
    remoteAddress: '203.0.113.9',
    pid,
    processName,
  });

describe('the PowerShell host command line', () => {
  it('is Windows PowerShell by full System32 path with fixed arguments and the constant script', () => {
    expect(powershellPath('C:\\Windows\\')).toBe(
      'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
    );
    const args = hostArguments();
    expect(args.slice(0, 4)).toEqual(['-NoLogo', '-NoProfile', '-NonInteractive', '-EncodedCommand']);
    expect(Buffer.from(args[4], 'base64').toString('utf16le')).toBe(HOST_SCRIPT);
    // Paths reach PowerShell only as -LiteralPath data, never as script text.
    expect(HOST_SCRIPT).toContain('Get-AuthenticodeSignature -LiteralPath $path');
    expect(HOST_SCRIPT).not.toMatch(/Invoke-Expression|iex |\[scriptblock\]::Create/i);
  });
});

describe('createLineHost over a real child process', () => {
  it('reassembles an answer split across writes and matches answers to requests by id', async () => {
    const host = nodeHost();
    const first = host.request('hold');
    const second = host.request('release');
    await expect(second).resolves.toBe('second');
    await expect(first).resolves.toBe('first');
    const table = await host.request('processes');
    expect(Array.isArray(table)).toBe(true);
  });

  it('skips lines that are not answers, and rejects an error answer with its words', async () => {
    const host = nodeHost();
    await expect(host.request('noise')).resolves.toBe('after noise');
    await expect(host.request('fail')).rejects.toThrow('Access denied');
  });

  it('starts once for many requests, and starts again after the child exits', async () => {
    const host = nodeHost();
    const pid1 = await host.request('pid');
    expect(await host.request('pid')).toBe(pid1);
    await expect(host.request('exit')).rejects.toThrow('exited (3)');
    const pid2 = await host.request('pid');
    expect(pid2).not.toBe(pid1);
  });

  it('fails a request the child never answers, and the next request gets a fresh child', async () => {
    const host = nodeHost(1_000);
    const pid1 = await host.request('pid');
    await expect(host.request('hang')).rejects.toThrow('no answer in 1000 ms');
    expect(await host.request('pid')).not.toBe(pid1);
  });
});

describe('process info service over the host', () => {
  it('marks rows pending, then fills path, parent, the disguise and the missing-path words', async () => {
    const service = createProcessInfoService({
      source: hostProcessSource(nodeHost()),
      windowsDir: 'C:\\Windows',
    });
    const rows = [
      conn(6412, 'svchost.exe'),
      conn(832, 'svchost.exe'),
      conn(1480, 'svchost.exe'),
      conn(4, 'System'),
    ];
    const pending = service.markPending(rows);
    expect(pending.map((c) => c.pathStatus)).toEqual(['pending', 'pending', 'pending', 'pending']);
    const done = await service.enrich(pending);
    expect(done[0]).toMatchObject({
      processPath: 'C:\\Users\\nguyenvana\\AppData\\Roaming\\Microsoft\\svchost.exe',
      parentName: 'explorer.exe',
      disguise: true,
    });
    expect(done[1]).toMatchObject({
      processPath: 'C:\\Windows\\system32\\svchost.exe',
      parentName: 'services.exe',
    });
    expect(done[1]?.pathStatus).toBeUndefined();
    expect(done.map((c) => c.pathStatus)).toEqual([undefined, undefined, 'needs-elevation', 'no-file']);
  });

  it('asks Windows once per path (any case) and answers from the cache afterwards', async () => {
    const asked: string[][] = [];
    const source = hostProcessSource(nodeHost());
    const counting: ProcessSource = {
      processes: () => source.processes(),
      files: (paths) => {
        asked.push([...paths]);
        return source.files(paths);
      },
    };
    const service = createProcessInfoService({ source: counting });
    const a = 'C:\\Windows\\system32\\svchost.exe';
    const first = await service.fileInfo([a, 'C:\\Program Files\\x.exe']);
    expect(first[a]).toEqual({
      company: 'Microsoft Corporation',
      description: 'Host Process for Windows Services',
      signer: 'Microsoft Windows Publisher',
      signature: 'Valid',
    });
    const second = await service.fileInfo(['C:\\WINDOWS\\System32\\svchost.exe', a]);
    expect(second['C:\\WINDOWS\\System32\\svchost.exe']?.signer).toBe('Microsoft Windows Publisher');
    expect(asked).toEqual([[a, 'C:\\Program Files\\x.exe']]);
  });
});
