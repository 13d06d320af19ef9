// On this machine, for real: a child process holds a TCP connection to a loopback "indicator"
// address; the cleanup session gathers its evidence, terminates it, and the re-scan (the real
// connection service) shows the connection gone, with the action log saying so.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { realpathSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExecFileRunner } from '../command-runner';
import { createConnectionService } from '../connections';
import { createCleanupSession, sha256File } from '.';

const INDICATOR = '127.0.0.9';
let server: Server;
let port = 0;
let child: ChildProcess;
const accepted: Socket[] = [];

beforeAll(async () => {
  server = createServer((s) => {
    accepted.push(s);
    s.on('error', () => {});
  });
  server.listen(0, INDICATOR);
  await once(server, 'listening');
  port = (server.address() as { port: number }).port;
  child = spawn(
    process.execPath,
    [
      '-e',
      `require('net').connect(${port}, '${INDICATOR}', () => process.stdout.write('connected\\n')); setInterval(() => {}, 1 << 30);`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await once(child.stdout!, 'data');
});

afterAll(async () => {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  accepted.forEach((s) => s.destroy());
  server.close();
  await once(server, 'close');
});

// Real ss, /proc and kill: Linux only (the Windows workflow runs the rest of the suite).
describe.runIf(process.platform === 'linux')(
  'terminate and re-scan, for real (Linux; the machine this suite runs on)',
  () => {
    it('kills the process talking to the indicator; the re-scan shows the connection gone; the log says so', async () => {
      const connections = createConnectionService({ runner: createExecFileRunner(), platform: 'linux' });
      const session = createCleanupSession({
        runner: createExecFileRunner(),
        platform: 'linux',
        backupDir: '/nonexistent',
        rescan: async () => (await connections.list()).connections,
        // Real sockets and a real clock; a shorter window than the app's 15 s keeps the suite quick.
        rescanWatch: { windowMs: 1_500 },
      });
      const target = { remoteAddress: INDICATOR, remotePort: port, pid: child.pid! };

      // Before: the scan sees it, and the re-scan step says it is still there.
      const before = (await connections.list()).connections.filter(
        (c) => c.remoteAddress === INDICATOR && c.remotePort === port,
      );
      expect(before).toEqual([expect.objectContaining({ pid: child.pid, state: 'ESTABLISHED' })]);
      const first = session.propose({ step: 'rescan', target });
      if (!first.ok) throw new Error('refused');
      expect(await session.confirm(first.value.token)).toMatchObject({
        outcome: 'failed',
        data: { gone: false },
      });

      // Evidence: the executable is this node binary, hashed by streaming.
      const ev = await session.evidence({ pid: child.pid! });
      expect(ev.path).toBe(realpathSync(process.execPath));
      expect(ev.sha256).toBe(await sha256File(process.execPath));
      expect(ev.parentPid).toBe(process.pid);
      expect(ev.commandLine).toContain('setInterval');

      // A pid whose program is not the one flagged (pid reuse) is refused, and the child lives on.
      const wrong = session.propose({ step: 'terminate', pid: child.pid!, name: 'chrome' });
      if (!wrong.ok) throw new Error('refused too early');
      expect((await session.confirm(wrong.value.token)).outcome).toBe('refused');
      expect(child.exitCode).toBeNull();

      const kill = session.propose({ step: 'terminate', pid: child.pid!, name: ev.name ?? 'node' });
      if (!kill.ok) throw new Error(kill.error.message.en);
      const exited = once(child, 'exit');
      expect((await session.confirm(kill.value.token)).outcome).toBe('ok');
      const [, signal] = await exited;
      expect(signal).toBe('SIGKILL');

      const again = session.propose({ step: 'rescan', target });
      if (!again.ok) throw new Error('refused');
      const after = await session.confirm(again.value.token);
      expect(after).toMatchObject({ outcome: 'ok', data: { gone: true } });

      expect(
        session
          .log()
          .filter((e) => e.outcome !== 'proposed')
          .map((e) => [e.step, e.outcome]),
      ).toEqual([
        ['rescan', 'failed'],
        ['terminate', 'refused'],
        ['terminate', 'ok'],
        ['rescan', 'ok'],
      ]);
      expect(session.log().at(-1)!.message.en).toMatch(
        new RegExp(
          `^Re-scan: the connection to ${INDICATOR}:${port} is gone \\(watched for 1\\.5 s, \\d+ samples`,
        ),
      );
      expect(session.log().at(-1)!.message.vi).toMatch(
        new RegExp(`^Quét lại: kết nối tới ${INDICATOR}:${port} đã hết \\(theo dõi 1\\.5 giây`),
      );
      expect(after.data).toMatchObject({ windowMs: 1_500, samples: expect.any(Number) as number });
      expect(after.data!.samples as number).toBeGreaterThanOrEqual(3);
    });

    it('refuses to terminate this test process and its parent, for real', () => {
      const session = createCleanupSession({
        runner: createExecFileRunner(),
        platform: 'linux',
        backupDir: '/nonexistent',
      });
      expect(session.propose({ step: 'terminate', pid: process.pid, name: 'node' }).ok).toBe(false);
      expect(session.propose({ step: 'terminate', pid: process.ppid, name: 'node' }).ok).toBe(false);
      expect(session.propose({ step: 'terminate', pid: 1, name: 'init' }).ok).toBe(false);
    });
  },
);
