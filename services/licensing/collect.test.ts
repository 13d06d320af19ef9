import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { commandKey, createReplayRunner } from '../command-runner';
import { collectLicensing, licensingCommands, licensingFromCaptures, type LicensingFs } from '.';
import { fixture } from '../../test/support/licensing/fixture';
import { fileURLToPath } from 'node:url';

const WIN_ENV = {
  SystemRoot: 'C:\\Windows',
  windir: 'C:\\Windows',
  ProgramFiles: 'C:\\Program Files',
  'ProgramFiles(x86)': 'C:\\Program Files (x86)',
  ProgramData: 'C:\\ProgramData',
};
const cmds = licensingCommands('C:\\Windows');
const key = (c: { file: string; args: readonly string[] }) => commandKey(c.file, c.args);

/** An in-memory Windows disk: the given files exist, everything else does not. */
function memFs(files: Record<string, string>): LicensingFs {
  const lower = new Map(Object.entries(files).map(([k, v]) => [k.toLowerCase(), v] as const));
  return {
    exists: (p) => Promise.resolve(lower.has(p.toLowerCase())),
    list: (dir) =>
      Promise.resolve(
        [...lower.keys()]
          .filter((p) => p.startsWith(`${dir.toLowerCase()}\\`) && !p.slice(dir.length + 1).includes('\\'))
          .map((p) => p.slice(dir.length + 1)),
      ),
    read: (p) =>
      lower.has(p.toLowerCase())
        ? Promise.resolve(new TextEncoder().encode(lower.get(p.toLowerCase())))
        : Promise.reject(Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' })),
  };
}

describe('collectLicensing on Windows (replayed outputs)', () => {
  it('runs exactly the documented commands and finds every kind of sign', async () => {
    const ran: string[] = [];
    const osppPath = 'C:\\Program Files\\Microsoft Office\\Office16\\OSPP.VBS';
    const runner = createReplayRunner(
      {
        // PowerShell-redirected output is UTF-16LE with a BOM: decoded before parsing.
        [key(cmds.slmgr)]: new Uint8Array(
          iconv.encode(fixture('slmgr-dli-en-local-kms.txt'), 'utf-16le', { addBOM: true }),
        ),
        [key(cmds.ospp(osppPath))]: fixture('ospp-dstatus-en.txt'),
        [key(cmds.uninstall[0])]: fixture('reg-uninstall-hklm-7zip.txt'),
        [key(cmds.uninstall[1])]: fixture('reg-uninstall-kmspico-both-hives.txt'),
        [key(cmds.uninstall[2])]: {
          stdout: new Uint8Array(),
          stderr: new TextEncoder().encode(
            'ERROR: The system was unable to find the specified registry key or value.',
          ),
          code: 1,
        },
        [key(cmds.tasks)]: fixture('schtasks-csv-v-en.txt'),
        [key(cmds.services)]: fixture('sc-query-en.txt'),
        [key(cmds.processes)]: fixture('tasklist-svc-csv-en.txt'),
      },
      (file, args) => ran.push(commandKey(file, args)),
    );
    const result = await collectLicensing({
      runner,
      platform: 'win32',
      env: WIN_ENV,
      settings: { agencyKmsHosts: ['kms.agency.gov.vn'] },
      fs: memFs({
        [osppPath]: '',
        'C:\\Windows\\SECOH-QAD.exe': 'MZ',
        'C:\\Windows\\System32\\drivers\\etc\\hosts':
          '127.0.0.1 localhost\r\n0.0.0.0 lmlicenses.wip4.adobe.com\r\n',
      }),
    });
    expect(ran.sort()).toEqual(
      [
        'C:\\Windows\\System32\\cscript.exe //nologo C:\\Windows\\System32\\slmgr.vbs /dli',
        `C:\\Windows\\System32\\cscript.exe //nologo ${osppPath} /dstatus`,
        'C:\\Windows\\System32\\reg.exe query HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall /s',
        'C:\\Windows\\System32\\reg.exe query HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall /s',
        'C:\\Windows\\System32\\reg.exe query HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall /s',
        'C:\\Windows\\System32\\schtasks.exe /query /fo csv /v',
        'C:\\Windows\\System32\\sc.exe query type= service state= all',
        'C:\\Windows\\System32\\tasklist.exe /svc /fo csv /nh',
      ].sort(),
    );
    const byKind = (k: string) => result.findings.filter((f) => f.kind === k).map((f) => f.evidence);
    // Office found its KMS host through DNS auto-discovery: volume licensing, not a sign.
    expect(byKind('kms-activation')).toEqual(['Registered KMS machine name: 127.0.0.2:1688']);
    expect(byKind('hosts-activation-block')).toEqual(['0.0.0.0 lmlicenses.wip4.adobe.com']);
    expect(byKind('crack-tool')).toEqual(
      expect.arrayContaining([
        expect.stringContaining('Uninstall\\KMSpico_is1'),
        expect.stringContaining('\\AutoPico Daily Restart'),
        'service "Service KMSELDI" (Service KMSELDI)',
        'process AutoPico.exe (PID 5120)',
        'C:\\Windows\\SECOH-QAD.exe',
      ]),
    );
    expect(result.findings.every((f) => f.via === 'licensing')).toBe(true);
    // The missing HKCU key is said, not swallowed.
    expect(result.warnings).toEqual([
      expect.objectContaining({
        file: expect.stringContaining('HKCU\\Software'),
        message: expect.stringContaining('unable to find'),
      }),
    ]);
  });

  it('says to restart elevated when a command is refused (exit code 5)', async () => {
    const runner = createReplayRunner({
      [key(cmds.slmgr)]: {
        stdout: new Uint8Array(),
        stderr: new TextEncoder().encode('Access is denied.'),
        code: 5,
      },
    });
    const r = await collectLicensing({
      runner,
      platform: 'win32',
      env: WIN_ENV,
      settings: { agencyKmsHosts: [] },
      fs: memFs({}),
    });
    expect(r.warnings.find((w) => w.file.includes('slmgr.vbs'))!.message).toMatch(
      /Access is denied.*administrator/,
    );
  });
});

describe('collectLicensing elsewhere', () => {
  it('checks only the hosts file, runs no command, and says so', async () => {
    const ran: string[] = [];
    const runner = createReplayRunner({}, (f) => ran.push(f));
    const r = await collectLicensing({
      runner,
      platform: 'linux',
      settings: { agencyKmsHosts: [] },
      hostsPath: '/etc/hosts',
      fs: memFs({ '/etc/hosts': fixture('hosts-autodesk-crack.txt') }),
    });
    expect(ran).toEqual([]);
    // The seven Autodesk lines are one sign, with the seven lines as its evidence.
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({ kind: 'hosts-activation-block', indicator: 'Autodesk' });
    expect(r.findings[0].evidence!.split('\n')).toHaveLength(7);
    expect(r.notes[0].en).toContain('only the hosts file');
    expect(r.notes[0].vi).toContain('chỉ kiểm tra được tệp hosts');
    // No platform id ("linux") or English inside the Vietnamese text.
    expect(r.notes[0].vi).not.toMatch(/linux|hosts file|only/i);
    expect(r.notes[0].code).toBe('msg.licensing.hostsOnly');
  });

  it('reads this machine’s real /etc/hosts without error', async () => {
    const r = await collectLicensing({
      runner: createReplayRunner({}),
      platform: 'linux',
      settings: { agencyKmsHosts: [] },
    });
    expect(r.warnings.filter((w) => w.message.startsWith('cannot read'))).toEqual([]);
  });
});

describe('licensingFromCaptures', () => {
  const f = (n: string) => fileURLToPath(new URL(`../../test/fixtures/licensing/${n}`, import.meta.url));

  it('evaluates capture files of every kind', async () => {
    const r = await licensingFromCaptures(
      {
        slmgr: [f('slmgr-dlv-en-registered-kms.txt'), f('slmgr-dli-en-notification.txt')],
        installed: [f('12_reg_query_uninstall_s.txt'), f('reg-uninstall-kmspico-both-hives.txt')],
        hosts: [f('13_hosts_default_and_crack_entries.txt')],
        tasks: [f('schtasks-csv-v-ja.txt')],
        services: [f('tasklist-svc-en-kmspico.txt')],
      },
      { settings: { agencyKmsHosts: [] } },
    );
    const kinds = new Set(r.findings.map((x) => x.kind));
    expect([...kinds].sort()).toEqual([
      'crack-tool',
      'hosts-activation-block',
      'kms-activation',
      'not-activated',
    ]);
    // Realdata 13 blocks Adobe in 18 + 9 lines (B, C) and Autodesk in 7 (E); the IDM/Piriform
    // lines (D) are script text, not hosts lines. One sign per vendor: 2.
    const hosts = r.findings.filter((x) => x.kind === 'hosts-activation-block');
    expect(hosts.map((x) => [x.indicator, x.evidence!.split('\n').length])).toEqual([
      ['Adobe', 18 + 9],
      ['Autodesk', 7],
    ]);
    // The realdata hosts file has prose lines; they are warnings with file:line, not findings.
    expect(
      r.warnings.some((w) => w.file.endsWith('13_hosts_default_and_crack_entries.txt') && w.line > 0),
    ).toBe(true);
  });

  it('decodes a zh-CN capture saved from cmd.exe in the GBK code page (936)', async () => {
    const gbk = new Uint8Array(iconv.encode(fixture('slmgr-dli-zh-cn-unlicensed.txt'), 'cp936'));
    const r = await licensingFromCaptures(
      { slmgr: ['slmgr-zh.txt'] },
      { codePage: 936, read: () => Promise.resolve(gbk), settings: { agencyKmsHosts: [] } },
    );
    expect(r.findings).toEqual([
      expect.objectContaining({ kind: 'not-activated', evidence: '许可证状态: 未授权' }),
    ]);
  });

  it('says which capture cannot be read and what it expected', async () => {
    const r = await licensingFromCaptures({
      slmgr: ['/nonexistent/slmgr.txt'],
      installed: [f('sc-query-en.txt')],
    });
    expect(r.warnings).toEqual([
      expect.objectContaining({ file: '/nonexistent/slmgr.txt', message: expect.stringContaining('ENOENT') }),
      expect.objectContaining({ message: expect.stringContaining('reg query HKLM') }),
    ]);
  });
});
