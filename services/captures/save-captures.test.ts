// The app's capture folder, on Linux: a replay runner answers with real-shaped Windows outputs
// (test/fixtures: recorded netstat, tasklist, ipconfig, slmgr, reg and PowerShell captures), the
// folder is written for real, and `sachmadoc scan --captures` reads it back like collect.cmd's.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../cli/io';
import { runCli } from '../../cli/main';
import type { CapturePc } from '../../cli/captures-command';
import { commandKey, createReplayRunner } from '../command-runner';
import type { CommandResult } from '../command-runner';
import { captureFolderName, captureSteps, PROCESSES_COMMAND, saveCaptures } from './save-captures';
import type { CaptureProgress } from './save-captures';

const FIX = resolve(__dirname, '../../test/fixtures');
const fix = (p: string): Uint8Array => new Uint8Array(readFileSync(join(FIX, p)));
const SYS = 'C:\\Windows\\System32';
const dir = mkdtempSync(join(tmpdir(), 'sachmadoc-save-captures-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const UNINSTALL = 'HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall';
const WOW = 'HKLM\\Software\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall';

/** What a Windows PC answers, recorded; the keys are exactly the commands the service may run. */
function machine(over: Record<string, CommandResult | Uint8Array> = {}) {
  const ran: string[] = [];
  const runner = createReplayRunner(
    {
      [commandKey(`${SYS}\\NETSTAT.EXE`, ['-ano'])]: fix('netstat/ano-en-htb.txt'),
      [commandKey(`${SYS}\\tasklist.exe`, ['/fo', 'csv', '/nh'])]: fix(
        'tasklist/constructed-htb-tasklist.csv',
      ),
      [commandKey(`${SYS}\\tasklist.exe`, ['/svc', '/fo', 'csv', '/nh'])]: fix(
        'tasklist/constructed-htb-tasklist-svc.csv',
      ),
      [commandKey(`${SYS}\\ipconfig.exe`, ['/displaydns'])]: fix('dns/ipconfig-displaydns-realdata.txt'),
      [commandKey(`${SYS}\\cscript.exe`, ['//nologo', `${SYS}\\slmgr.vbs`, '/dli'])]: fix(
        'licensing/slmgr-dli-en-kms-dns.txt',
      ),
      [commandKey(`${SYS}\\reg.exe`, ['query', UNINSTALL, '/s'])]: fix(
        'licensing/reg-uninstall-hklm-7zip.txt',
      ),
      [commandKey(`${SYS}\\reg.exe`, ['query', WOW, '/s'])]: fix(
        'licensing/reg-uninstall-kmspico-both-hives.txt',
      ),
      [commandKey(`${SYS}\\WindowsPowerShell\\v1.0\\powershell.exe`, [
        '-NoLogo',
        '-NoProfile',
        '-NonInteractive',
        '-Command',
        PROCESSES_COMMAND,
      ])]: fix('processes/win32-process-ps51.csv.txt'),
      [commandKey(`${SYS}\\chcp.com`, [])]: new TextEncoder().encode('Active code page: 850\r\n'),
      ...over,
    },
    (file, args) => ran.push(commandKey(file, args)),
  );
  return { runner, ran };
}

const at = new Date(2026, 10, 23, 8, 15, 30); // local time, as collect.cmd stamps it
const hostsFile = fix('licensing/hosts-default-windows-crlf.txt');

describe('saveCaptures', () => {
  it('writes the folder collect.cmd writes, named after the computer and the date, by full System32 paths', async () => {
    const { runner, ran } = machine();
    const progress: CaptureProgress[] = [];
    const hostsRead: string[] = [];
    const r = await saveCaptures(
      join(dir, 'one'),
      {
        runner,
        systemRoot: 'C:\\Windows',
        computerName: 'KETOAN-01',
        now: () => at,
        readFile: (p) => {
          hostsRead.push(p);
          return Promise.resolve(hostsFile);
        },
      },
      (p) => progress.push(p),
    );
    expect(r.folder).toBe(join(dir, 'one', 'KETOAN-01_20261123-0815'));
    expect(r.failed).toEqual([]);
    expect(readdirSync(r.folder).sort()).toEqual([
      'codepage.txt',
      'computername.txt',
      'displaydns.txt',
      'dli.txt',
      'hosts',
      'netstat.txt',
      'processes.csv',
      'svc.csv',
      'tasklist.csv',
      'uninstall.txt',
    ]);
    // Byte for byte what the commands printed; uninstall.txt holds both hives, processes.csv a BOM.
    expect(readFileSync(join(r.folder, 'netstat.txt'))).toEqual(Buffer.from(fix('netstat/ano-en-htb.txt')));
    const uninstall = readFileSync(join(r.folder, 'uninstall.txt'), 'latin1');
    expect(uninstall).toContain('7-Zip');
    expect(uninstall).toContain('KMSpico');
    expect([...readFileSync(join(r.folder, 'processes.csv')).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(readFileSync(join(r.folder, 'computername.txt'), 'utf8')).toBe('KETOAN-01\r\n');
    expect(hostsRead).toEqual(['C:\\Windows\\System32\\drivers\\etc\\hosts']);
    // Nothing ran but the fixed commands, each by its full path.
    expect(ran.every((c) => c.startsWith(`${SYS}\\`))).toBe(true);
    expect(ran).toHaveLength(captureSteps('C:\\Windows').flatMap((s) => s.commands).length);
    expect(progress.map((p) => `${p.done}/${p.total} ${p.file}`)).toEqual([
      '1/10 netstat.txt',
      '2/10 tasklist.csv',
      '3/10 svc.csv',
      '4/10 displaydns.txt',
      '5/10 hosts',
      '6/10 dli.txt',
      '7/10 uninstall.txt',
      '8/10 processes.csv',
      '9/10 codepage.txt',
      '10/10 computername.txt',
    ]);
  });

  it('writes no file for a command that is missing or fails, and says which and why; the rest is saved', async () => {
    const { runner } = machine({
      [commandKey(`${SYS}\\cscript.exe`, ['//nologo', `${SYS}\\slmgr.vbs`, '/dli'])]: {
        stdout: new Uint8Array(),
        stderr: new TextEncoder().encode(
          'Input Error: Can not find script file "C:\\Windows\\System32\\slmgr.vbs".',
        ),
        code: 1,
      },
      // 32-bit Windows has no WOW6432Node key: reg exits 1, the first hive is the whole list.
      [commandKey(`${SYS}\\reg.exe`, ['query', WOW, '/s'])]: {
        stdout: new Uint8Array(),
        stderr: new TextEncoder().encode(
          'ERROR: The system was unable to find the specified registry key or value.',
        ),
        code: 1,
      },
    });
    const r = await saveCaptures(join(dir, 'two'), {
      runner: {
        run: (file, args, o) =>
          file.endsWith('powershell.exe')
            ? Promise.reject(new Error(`cannot run ${file}: ENOENT`))
            : runner.run(file, args, o),
      },
      systemRoot: 'C:\\Windows\\',
      computerName: 'VAN THU/02',
      now: () => at,
      readFile: () => Promise.reject(new Error('EACCES: permission denied')),
    });
    expect(r.folder.endsWith('VAN_THU_02_20261123-0815')).toBe(true);
    expect(r.failed).toEqual([
      { name: 'hosts', reason: 'EACCES: permission denied' },
      {
        name: 'dli.txt',
        reason:
          'mã thoát / exit code 1: Input Error: Can not find script file "C:\\Windows\\System32\\slmgr.vbs".',
      },
      { name: 'processes.csv', reason: `cannot run ${SYS}\\WindowsPowerShell\\v1.0\\powershell.exe: ENOENT` },
    ]);
    const present = readdirSync(r.folder);
    expect(present).not.toContain('dli.txt');
    expect(present).toContain('uninstall.txt');
    expect(readFileSync(join(r.folder, 'uninstall.txt'), 'latin1')).not.toContain('KMSpico');
  });

  it('names folders like collect.cmd (unsafe characters out)', () => {
    expect(captureFolderName('PC-01', new Date(2026, 0, 5, 7, 3))).toBe('PC-01_20260105-0703');
    expect(captureFolderName('..', new Date(2026, 0, 5, 7, 3))).toBe('PC_20260105-0703');
  });
});

describe('the round trip: scan --captures reads what the app saved', () => {
  it('one PC row with its name, verdict, findings and cracked signs', async () => {
    const { runner } = machine();
    const root = join(dir, 'usb');
    await saveCaptures(root, {
      runner,
      systemRoot: 'C:\\Windows',
      computerName: 'KETOAN-01',
      now: () => at,
      readFile: () => Promise.resolve(hostsFile),
    });
    const io = memoryIo({ cwd: dir, env: { SACHMADOC_DATA_DIR: join(dir, 'data') } });
    // The HTB machine's netstat talks to 10.10.14.164: the feed lists its /24.
    const feed = join(dir, 'feed.txt');
    await import('node:fs/promises').then((fs) => fs.writeFile(feed, '10.10.14.0/24\n'));
    const code = await runCli(['scan', '--captures', root, '--feed', feed, '--json'], io);
    expect(io.err.join('')).toBe('');
    expect(code).toBe(1);
    const { pcs } = JSON.parse(io.out.join('')) as { pcs: CapturePc[] };
    expect(pcs).toHaveLength(1);
    expect(pcs[0]).toMatchObject({ name: 'KETOAN-01', verdict: 'findings' });
    expect(pcs[0].findings).toBeGreaterThan(0);
    expect(pcs[0].crackedSigns).toBeGreaterThan(0); // KMSpico in the WOW6432Node hive
    // Every capture was read, in the code page codepage.txt names: tasklist's CP850 "Bürosoftware.exe".
    const owners = new Set(pcs[0].report?.connections.map((c) => c.processName));
    expect(owners).toContain('Bürosoftware.exe');
    expect(pcs[0].report?.warnings).toEqual([]);
  });
});
