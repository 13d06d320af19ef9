import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { CapturePc } from './captures-command';
import type { ScanReport } from '../shared/domain';
import { cliIn } from '../test/support/cli';
import { DISGUISED_SVCHOST, REAL_SVCHOST } from '../test/support/processes/win32-process-ps51';

const fixtures = fileURLToPath(new URL('../test/fixtures/processes/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'sachmadoc-proc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const feed = join(dir, 'feed.txt');
writeFileSync(feed, '203.0.113.9\n');
const netstat = join(fixtures, 'netstat-ano-matching.txt');

const run = cliIn(dir);

describe('sachmadoc scan --processes (Win32_Process capture)', () => {
  it('fills path, parent and command line from a PowerShell 5.1 Export-Csv and flags the disguise in JSON', async () => {
    const r = await run(
      'scan',
      '--json',
      '--feed',
      feed,
      '--netstat',
      netstat,
      '--processes',
      join(fixtures, 'win32-process-ps51.csv.txt'),
    );
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out) as ScanReport;
    expect(report.warnings).toEqual([]);
    expect(report.findings[0]?.connection).toMatchObject(DISGUISED_SVCHOST);
    const byPid = new Map(report.connections.map((c) => [c.pid, c]));
    expect(byPid.get(832)).toMatchObject(REAL_SVCHOST);
    expect(byPid.get(832)?.disguise).toBeUndefined();
    expect(byPid.get(4)?.pathStatus).toBe('no-file');
    expect(byPid.get(1480)?.pathStatus).toBe('needs-elevation');
    expect(byPid.get(7344)?.disguise).toBe(true);
  });

  it('prints the path column, the words for a missing path and the disguise block in the table', async () => {
    const r = await run(
      'scan',
      '--feed',
      feed,
      '--netstat',
      netstat,
      '--processes',
      join(fixtures, 'win32-process-ps51-json-utf16.json.txt'),
    );
    // The JSON capture of another moment: only PIDs 4 (no file) and 940… are in it.
    expect(r.out).toContain('Đường dẫn/Path');
    expect(r.out).toContain('(tiến trình của nhân Windows, không có tệp / Windows kernel process, no file)');

    const csv = await run(
      'scan',
      '--feed',
      feed,
      '--netstat',
      netstat,
      '--processes',
      join(fixtures, 'win32-process-ps51.csv.txt'),
    );
    expect(csv.out).toContain(
      'C:\\Users\\nguyenvana\\AppData\\Roaming\\Microsoft\\svchost.exe [GIẢ DẠNG/DISGUISED]',
    );
    expect(csv.out).toContain('(cần quyền quản trị để đọc đường dẫn / path readable only as administrator)');
    expect(csv.out).toContain('?! GIẢ DẠNG tệp hệ thống');
    expect(csv.out).toContain('   PID 7344  C:\\ProgramData\\Intel\\rundll32.exe');
    expect(csv.out).toContain('      cha/parent: explorer.exe (PID 4120)');
    // Disguise is information: the exit status counts only the feed match.
    expect(csv.code).toBe(1);
    const quietFeed = join(dir, 'quiet.txt');
    writeFileSync(quietFeed, '192.0.2.200\n');
    const quiet = await run(
      'scan',
      '--feed',
      quietFeed,
      '--netstat',
      netstat,
      '--processes',
      join(fixtures, 'win32-process-ps51.csv.txt'),
    );
    expect(quiet.out).toContain('?! GIẢ DẠNG tệp hệ thống');
    expect(quiet.code).toBe(0);
  });

  it('names the file and line of a bad row, refuses a capture with no process row, and needs --netstat', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, '"ProcessId","Name"\r\n"6412","svchost.exe"\r\n"x","svchost.exe"\r\n');
    const r = await run('scan', '--feed', feed, '--netstat', netstat, '--processes', bad);
    expect(r.err).toContain(`warning: ${bad}:3:`);
    expect(r.code).toBe(1);
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, '"ProcessId","Name"\r\n"x","svchost.exe"\r\n');
    const refused = await run('scan', '--feed', feed, '--netstat', netstat, '--processes', empty);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('--processes');
    expect(refused.err).toContain('Get-CimInstance Win32_Process');
    const alone = await run('scan', '--feed', feed, '--processes', bad);
    expect(alone.code).toBe(2);
    expect(alone.err).toContain('--processes');
  });
});

describe('sachmadoc scan --captures reads the processes.csv collect.cmd writes', () => {
  it('fills the paths of that PC and flags its disguised svchost.exe', async () => {
    const folder = join(dir, 'pcs', 'KETOAN-05_20261202-0600');
    mkdirSync(folder, { recursive: true });
    copyFileSync(netstat, join(folder, 'netstat.txt'));
    copyFileSync(join(fixtures, 'win32-process-ps51.csv.txt'), join(folder, 'processes.csv'));
    const r = await run('scan', '--captures', 'pcs', '--feed', feed, '--json');
    const { pcs } = JSON.parse(r.out) as { pcs: CapturePc[] };
    expect(pcs.map((p) => [p.name, p.verdict])).toEqual([['KETOAN-05_20261202-0600', 'findings']]);
    const c = pcs[0]?.report?.connections.find((x) => x.pid === 6412);
    expect(c).toMatchObject({ disguise: true, parentName: 'explorer.exe' });
  });
});
