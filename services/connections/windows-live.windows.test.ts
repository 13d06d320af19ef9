// Live on Windows (issue 19): the real netstat.exe and tasklist.exe from %SystemRoot%\System32
// (never from the working directory or PATH), their real output decoded and joined, and the
// UTF-16LE that cmd.exe /u writes decoded. Runs in the Windows workflow's `npx vitest run`; the
// Linux suite has its own live tests (linux-live.test.ts, live.test.ts).
import { describe, expect, it } from 'vitest';
import { createExecFileRunner, type CommandRunner } from '../command-runner';
import { createConnectionService } from '.';
import { decodeCommandOutput } from '../text-decode';
import { parseTasklistCsv } from '../../shared/parsers/tasklist';
import { tcpClientScript, useLivePeer } from '../../test/support/live-peer';

const peer = useLivePeer();

describe.runIf(process.platform === 'win32')('Windows commands, live', { timeout: 60_000 }, () => {
  const systemDir = `${process.env.SystemRoot ?? 'C:\\Windows'}\\System32`;

  it('runs netstat.exe and tasklist.exe by their System32 path and lists a child connection with pid and name', async () => {
    const port = await peer.listen();
    const child = await peer.run(tcpClientScript(port, 30000));
    const localPort = Number(child.line);

    const real = createExecFileRunner({ timeoutMs: 30_000 });
    const ran: string[] = [];
    const runner: CommandRunner = {
      run(file, args, options) {
        ran.push(file);
        return real.run(file, args, options);
      },
    };
    const { connections, warnings } = await createConnectionService({ runner, platform: 'win32' }).list();
    expect([...new Set(ran)].sort()).toEqual([`${systemDir}\\netstat.exe`, `${systemDir}\\tasklist.exe`]);
    expect(warnings.filter((w) => /no process names|no service names/.test(w.message))).toEqual([]);
    const mine = connections.find(
      (c) => c.protocol === 'tcp' && c.localPort === localPort && c.remotePort === port,
    );
    expect(mine).toMatchObject({
      localAddress: '127.0.0.1',
      remoteAddress: '127.0.0.1',
      state: 'ESTABLISHED',
      pid: child.pid,
    });
    expect(mine!.processName?.toLowerCase()).toBe('node.exe');
  });

  it('decodes the UTF-16LE that cmd.exe /u writes (no BOM), Vietnamese included', async () => {
    const text = 'Sạch Mã Độc 203.0.113.9';
    const r = await createExecFileRunner().run(`${systemDir}\\cmd.exe`, ['/d', '/u', '/c', `echo ${text}`]);
    expect(r.code).toBe(0);
    // UTF-16LE: every ASCII character is followed by a zero byte.
    expect(r.stdout[1]).toBe(0);
    expect(decodeCommandOutput(r.stdout).trim()).toBe(text);
  });

  it("decodes tasklist's real CSV output in the console code page and finds this process", async () => {
    const r = await createExecFileRunner().run(`${systemDir}\\tasklist.exe`, ['/fo', 'csv', '/nh']);
    expect(r.code).toBe(0);
    const { rows, errors } = parseTasklistCsv(decodeCommandOutput(r.stdout), 'tasklist');
    expect(errors).toEqual([]);
    expect(rows.find((t) => t.pid === process.pid)?.imageName.toLowerCase()).toBe('node.exe');
    expect(rows.find((t) => t.pid === 4)?.imageName).toBe('System');
  });
});
