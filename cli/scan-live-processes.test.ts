// `sachmadoc scan` live on Windows fills program path, parent and command line (issue 20) from one
// Win32_Process query to the process host. Here (Linux) powershell.exe is replaced by a real child
// process (test/support/processes/host-child.cjs) that speaks the host's stdin/stdout line protocol;
// netstat, tasklist and ipconfig are replayed. The real PowerShell runs in
// scan-live-processes.windows.test.ts, on Windows only.
// tasklist-matching.csv.txt and tasklist-svc-matching.csv.txt are CONSTRUCTED: they give the PIDs of
// netstat-ano-matching.txt owners in the real `tasklist /fo csv /nh` and `/svc` shapes.
import { spawn as nodeSpawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryIo } from './io';
import { runScanCommand, type ScanCommandDeps } from './scan-command';
import { commandKey, createReplayRunner } from '../services/command-runner';
import { hostArguments } from '../services/processes/powershell-host';
import type { ScanReport } from '../shared/domain';
import { DISGUISED_SVCHOST, REAL_SVCHOST } from '../test/support/processes/win32-process-ps51';

const fixtures = fileURLToPath(new URL('../test/fixtures/processes/', import.meta.url));
const hostChild = fileURLToPath(new URL('../test/support/processes/host-child.cjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'sachmadoc-live-proc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const feed = join(dir, 'feed.txt');
writeFileSync(feed, '203.0.113.9\n198.51.100.77\n');
const fixture = (name: string) => readFileSync(join(fixtures, name), 'utf8');
const POWERSHELL = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';

/** netstat, tasklist and ipconfig of a Windows PC, as the connection service runs them here. */
const windowsRunner = () =>
  createReplayRunner({
    [commandKey('netstat.exe', ['-ano'])]: fixture('netstat-ano-matching.txt'),
    [commandKey('tasklist.exe', ['/fo', 'csv', '/nh'])]: fixture('tasklist-matching.csv.txt'),
    [commandKey('tasklist.exe', ['/svc', '/fo', 'csv', '/nh'])]: fixture('tasklist-svc-matching.csv.txt'),
    [commandKey('C:\\Windows\\System32\\ipconfig.exe', ['/displaydns'])]:
      '\r\nWindows IP Configuration\r\n\r\n',
  });

/** The same commands as --watch runs them: netstat and tasklist by their System32 path. */
const watchRunner = () => {
  const sys = 'C:\\Windows\\System32\\';
  return createReplayRunner({
    [commandKey(`${sys}netstat.exe`, ['-ano'])]: fixture('netstat-ano-matching.txt'),
    [commandKey(`${sys}tasklist.exe`, ['/fo', 'csv', '/nh'])]: fixture('tasklist-matching.csv.txt'),
    [commandKey(`${sys}tasklist.exe`, ['/svc', '/fo', 'csv', '/nh'])]: fixture(
      'tasklist-svc-matching.csv.txt',
    ),
    [commandKey(`${sys}ipconfig.exe`, ['/displaydns'])]: '\r\nWindows IP Configuration\r\n\r\n',
  });
};

/** A spawn that records what it was asked to start and starts the protocol child instead. */
function standIn(mode = 'normal') {
  const asked: { file: string; args: readonly string[] }[] = [];
  const children: ChildProcessWithoutNullStreams[] = [];
  const opLog = join(dir, `ops-${mode}-${Date.now()}-${Math.random()}.log`);
  writeFileSync(opLog, '');
  const spawn: ScanCommandDeps['processHostSpawn'] = (file, args) => {
    asked.push({ file, args });
    const c = nodeSpawn(process.execPath, [hostChild, mode, opLog], { stdio: 'pipe' });
    children.push(c);
    return c;
  };
  return { spawn, asked, children, ops: () => readFileSync(opLog, 'utf8').split('\n').filter(Boolean) };
}

async function scan(argv: string[], deps: ScanCommandDeps) {
  const io = memoryIo({
    cwd: dir,
    env: { SystemRoot: 'C:\\Windows', SACHMADOC_DATA_DIR: join(dir, 'data') },
  });
  const code = await runScanCommand(argv, io, {
    runner: windowsRunner(),
    platform: 'win32',
    // A loaded test machine may start the stand-in slowly; the notice has its own test.
    processHostSlowNoticeMs: 60_000,
    // Windows' hosts file, and the feed and captures from the temporary folder.
    readFile: (p) =>
      Promise.resolve(
        p === 'C:\\Windows\\System32\\drivers\\etc\\hosts'
          ? new TextEncoder().encode('# Copyright (c) 1993-2009 Microsoft Corp.\r\n')
          : new Uint8Array(readFileSync(p)),
      ),
    ...deps,
  });
  return { code, out: io.out.join(''), err: io.err.join('') };
}

describe('sachmadoc scan, live on Windows: paths from the process host', () => {
  it('starts powershell.exe by its System32 path with the fixed arguments, asks once, fills path, parent and command line', async () => {
    const host = standIn();
    const r = await scan(['--json', '--feed', feed], { processHostSpawn: host.spawn });
    expect(r.err).toBe('');
    expect(r.code).toBe(1);
    expect(host.asked).toEqual([{ file: POWERSHELL, args: hostArguments() }]);
    expect(host.ops()).toEqual(['processes']);
    // Closed when the command is done: a CLI run must not leave PowerShell behind.
    expect(host.children.every((c) => c.killed || c.exitCode !== null)).toBe(true);

    const report = JSON.parse(r.out) as ScanReport;
    expect(report.warnings).toEqual([]);
    const finding = report.findings.find((f) => f.indicator === '203.0.113.9');
    expect(finding?.connection).toMatchObject(DISGUISED_SVCHOST);
    const byPid = new Map(report.connections.map((c) => [c.pid, c]));
    expect(byPid.get(832)).toMatchObject({
      ...REAL_SVCHOST,
      services: ['BrokerInfrastructure', 'DcomLaunch', 'PlugPlay', 'Power', 'SystemEventsBroker'],
    });
    expect(byPid.get(832)?.disguise).toBeUndefined();
    expect(byPid.get(4)?.pathStatus).toBe('no-file');
    expect(byPid.get(1480)?.pathStatus).toBe('needs-elevation');
    // Not in the table (ended between the two reads): nothing invented, nothing left pending.
    expect(byPid.get(7020)).toMatchObject({ processName: 'chrome.exe', processPath: null });
    expect(byPid.get(7020)?.pathStatus).toBeUndefined();
  });

  it('prints the path column and the disguise block in the table', async () => {
    const host = standIn();
    const r = await scan(['--feed', feed], { processHostSpawn: host.spawn });
    expect(r.code).toBe(1);
    expect(r.out).toContain('Đường dẫn/Path');
    expect(r.out).toContain(
      'C:\\Users\\nguyenvana\\AppData\\Roaming\\Microsoft\\svchost.exe [GIẢ DẠNG/DISGUISED]',
    );
    expect(r.out).toContain('(tiến trình của nhân Windows, không có tệp / Windows kernel process, no file)');
  });

  it('fills the paths once, after a --watch ends (the sockets seen during the watch)', async () => {
    const host = standIn();
    let t = 0;
    const r = await scan(['--json', '--watch', '2', '--feed', feed], {
      processHostSpawn: host.spawn,
      runner: watchRunner(),
      now: () => t,
      sleep: (ms) => {
        t += ms;
        return Promise.resolve();
      },
    });
    expect(r.code).toBe(1);
    expect(host.ops()).toEqual(['processes']);
    const report = JSON.parse(r.out) as ScanReport & { watch: unknown };
    expect(report.watch).toBeDefined();
    expect(report.findings.find((f) => f.indicator === '203.0.113.9')?.connection).toMatchObject({
      pid: 6412,
      processPath: 'C:\\Users\\nguyenvana\\AppData\\Roaming\\Microsoft\\svchost.exe',
      disguise: true,
    });
  });

  it.each([
    ['hang-processes', 'process host gave no answer in 400 ms'],
    ['exit-at-start', 'process host exited (1)'],
    ['wrong-shape', 'PowerShell answered in an unexpected shape'],
    ['cim-error', 'Get-CimInstance : Access denied'],
  ])(
    'a host that misbehaves (%s) gives the same verdict and one "paths unavailable" warning saying why',
    async (mode, why) => {
      const host = standIn(mode);
      const r = await scan(['--json', '--feed', feed], {
        processHostSpawn: host.spawn,
        // Short only for the hang, so a slow start of the stand-in never looks like one.
        processHostTimeoutMs: mode === 'hang-processes' ? 400 : 20_000,
      });
      expect(r.code).toBe(1);
      const report = JSON.parse(r.out) as ScanReport;
      expect(report.findings.map((f) => f.indicator).sort()).toEqual(['198.51.100.77', '203.0.113.9']);
      expect(report.warnings).toHaveLength(1);
      expect(report.warnings[0]).toMatchObject({ file: POWERSHELL, line: 0 });
      expect(report.warnings[0]?.message).toContain(`program paths unavailable (${why}`);
      expect(report.warnings[0]?.message).toContain('không đọc được đường dẫn chương trình');
      expect(report.warnings[0]?.message).toContain('the verdict stands');
      // PowerShell's multi-line error is cut to its first line.
      expect(report.warnings[0]?.message).not.toContain('CategoryInfo');
      expect(r.err).toBe(`cảnh báo / warning: ${POWERSHELL}: ${report.warnings[0]?.message}\n`);
      expect(report.connections.every((c) => c.processPath === null && c.pathStatus === undefined)).toBe(
        true,
      );
      expect(host.children.every((c) => c.killed || c.exitCode !== null)).toBe(true);
    },
  );

  it('tells the person what it waits for when the table is slow, once, before the warning', async () => {
    const host = standIn('hang-processes');
    const r = await scan(['--json', '--feed', feed], {
      processHostSpawn: host.spawn,
      processHostTimeoutMs: 1_500,
      processHostSlowNoticeMs: 50,
    });
    expect(r.code).toBe(1);
    const lines = r.err.split('\n').filter(Boolean);
    expect(lines[0]).toBe(
      'Đang đọc đường dẫn chương trình qua Windows PowerShell… / Reading program paths through Windows PowerShell…',
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('program paths unavailable (process host gave no answer in 1500 ms)');
  });

  it('says so when powershell.exe cannot be started at all', async () => {
    const missing = join(dir, 'no-such-powershell.exe');
    const r = await scan(['--json', '--feed', feed], {
      processHostSpawn: () => nodeSpawn(missing, [], { stdio: 'pipe' }),
    });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out) as ScanReport;
    expect(report.warnings.map((w) => w.message)).toEqual([
      expect.stringContaining('program paths unavailable (process host cannot start: spawn'),
    ]);
  });

  it('closes the host when the scan itself fails', async () => {
    const host = standIn();
    const r = await scan(['--feed', join(dir, 'missing-feed.txt')], { processHostSpawn: host.spawn });
    expect(r.code).toBe(2);
    expect(host.asked).toHaveLength(1);
    expect(host.children.every((c) => c.killed || c.exitCode !== null)).toBe(true);
  });

  it('never starts the host for captures from another PC (text from captures never reaches it)', async () => {
    const host = standIn();
    const r = await scan(
      ['--json', '--feed', feed, '--netstat', join(fixtures, 'netstat-ano-matching.txt')],
      { processHostSpawn: host.spawn },
    );
    expect(r.code).toBe(1);
    expect(host.asked).toEqual([]);
  });

  it('never starts it on Linux, where ss and lsof give paths', async () => {
    const host = standIn();
    const r = await scan(['--json', '--feed', feed], {
      processHostSpawn: host.spawn,
      platform: 'linux',
      connections: { list: () => Promise.resolve({ connections: [], warnings: [] }) },
    });
    expect(r.code).toBe(0);
    expect(host.asked).toEqual([]);
  });
});
