// The live mechanism on a real Windows (the Windows workflow runs `npx vitest run`); skipped elsewhere.
import { afterAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../shared/domain';
import { createLineHost, hostArguments, powershellPath } from './powershell-host';
import { createProcessInfoService, hostProcessSource } from './process-info-service';

describe.runIf(process.platform === 'win32')('the PowerShell process host on Windows', () => {
  const systemRoot = process.env.SystemRoot ?? 'C:\\Windows';
  const host = createLineHost({ file: powershellPath(systemRoot), args: hostArguments(), timeoutMs: 60_000 });
  afterAll(() => host.close());
  const service = createProcessInfoService({ source: hostProcessSource(host), windowsDir: systemRoot });
  const own: Connection = {
    protocol: 'tcp',
    localAddress: '127.0.0.1',
    localPort: 1,
    remoteAddress: '127.0.0.1',
    remotePort: 2,
    state: 'ESTABLISHED',
    pid: process.pid,
    processName: null,
    processPath: null,
    services: [],
  };

  it("reads this test process's path and parent, and answers a warm query within 2 s", async () => {
    const cold = Date.now();
    const [first] = await service.enrich([own]);
    const coldMs = Date.now() - cold;
    expect(first?.processPath?.toLowerCase()).toBe(process.execPath.toLowerCase());
    expect(first?.parentPid).toBe(process.ppid);
    expect(first?.disguise).toBeUndefined();
    const warm = Date.now();
    await service.enrich([own]);
    const warmMs = Date.now() - warm;
    console.log(`process host: first query ${coldMs} ms (with start), warm query ${warmMs} ms`);
    expect(warmMs).toBeLessThan(2_000);
  }, 90_000);

  it('reads the version info and Authenticode signer of System32\\svchost.exe', async () => {
    const svchost = `${systemRoot}\\System32\\svchost.exe`;
    const info = await service.fileInfo([svchost]);
    expect(info[svchost]?.company).toMatch(/Microsoft/);
    expect(info[svchost]?.signature).toBe('Valid');
    expect(info[svchost]?.signer).toMatch(/Microsoft/);
  }, 60_000);

  it('says a protected process path needs elevation or gives it, never invents one', async () => {
    const [system] = await service.enrich([{ ...own, pid: 4 }]);
    expect(system?.pathStatus).toBe('no-file');
  }, 60_000);
});
