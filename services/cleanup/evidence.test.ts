import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commandKey, createReplayRunner } from '../command-runner';
import { evidenceCommand, evidenceScript, gatherEvidence, RUN_KEYS, sha256File } from '.';
import { psLiteral } from './evidence';
import { referencesExecutable } from './persistence';
import { fixture } from '../../test/support/licensing/fixture';

const ROOT = 'C:\\Windows';
const EXE = 'C:\\Program Files\\KMSpico\\Service_KMS.exe';
const dir = mkdtempSync(join(tmpdir(), 'smd-evidence-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the PowerShell evidence call', () => {
  it('is one powershell.exe call with an encoded script holding only the pid and a quoted path', () => {
    const c = evidenceCommand(ROOT, 1432, null);
    expect(c.file).toBe('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
    expect(c.args.slice(0, 3)).toEqual(['-NoProfile', '-NonInteractive', '-EncodedCommand']);
    const script = Buffer.from(c.args[3], 'base64').toString('utf16le');
    expect(script).toContain("Get-CimInstance -ClassName Win32_Process -Filter 'ProcessId = 1432'");
    expect(script).toContain('Get-AuthenticodeSignature -LiteralPath $path');
    expect(script).toContain('ConvertTo-Json');
  });

  it('quotes paths so they cannot break out, and refuses what cannot be quoted', () => {
    expect(psLiteral("C:\\it's\\a.exe")).toBe("'C:\\it''s\\a.exe'");
    expect(psLiteral('C:\\x\u2019; calc.exe')).toBeNull();
    expect(() => evidenceScript(null, 'C:\\a\nb.exe')).toThrow(RangeError);
    expect(() => evidenceScript(1.5, null)).toThrow(RangeError);
    expect(evidenceScript(null, "C:\\it's\\a.exe")).toContain("$path = 'C:\\it''s\\a.exe'");
  });
});

describe('gatherEvidence on Windows (replayed)', () => {
  it('reads the JSON, hashes the file, and finds the Run key, task, service and Startup shortcut that start it', async () => {
    const ps = evidenceCommand(ROOT, 1432, null);
    const json = JSON.stringify({
      ProcessId: 1432,
      Name: 'Service_KMS.exe',
      ExecutablePath: EXE,
      CommandLine: `"${EXE}"`,
      CreationDate: '2026-11-23T07:59:01.1234560Z',
      ParentProcessId: 612,
      ParentName: 'services.exe',
      SignatureStatus: 'NotSigned',
      SignatureMessage: 'The file is not digitally signed.',
      Signer: null,
    });
    const sys = `${ROOT}\\System32`;
    const runner = createReplayRunner({
      [commandKey(ps.file, ps.args)]: `\uFEFF${json}\r\n`,
      [`${sys}\\reg.exe query ${RUN_KEYS[0]}`]: `\r\n${RUN_KEYS[0].replace('HKLM', 'HKEY_LOCAL_MACHINE')}\r\n    SecurityHealth    REG_EXPAND_SZ    %windir%\\system32\\SecurityHealthSystray.exe\r\n    KMSHelper    REG_SZ    "${EXE}" /run\r\n`,
      [`${sys}\\schtasks.exe /query /fo csv /v`]: fixture('schtasks-csv-v-en.txt'),
      [`${sys}\\reg.exe query HKLM\\SYSTEM\\CurrentControlSet\\Services /s /v ImagePath`]: [
        '',
        'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\Service KMSELDI',
        `    ImagePath    REG_EXPAND_SZ    "${EXE}"`,
        '',
        'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\wuauserv',
        '    ImagePath    REG_EXPAND_SZ    %systemroot%\\system32\\svchost.exe -k netsvcs -p',
        '',
        'End of search: 2 match(es) found.',
      ].join('\r\n'),
    });
    const startup = 'C:\\Users\\a\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\Startup';
    const lnk = Buffer.concat([Buffer.from([0x4c, 0, 0, 0]), Buffer.from(EXE, 'utf16le')]);
    const ev = await gatherEvidence(
      {
        runner,
        platform: 'win32',
        systemRoot: ROOT,
        env: { AppData: 'C:\\Users\\a\\AppData\\Roaming' },
        hashFile: (p) => Promise.resolve(`hash-of:${p}`),
        fs: {
          list: (d) => Promise.resolve(d === startup ? ['kms.lnk', 'desktop.ini'] : []),
          read: (p) =>
            Promise.resolve(
              p.endsWith('kms.lnk') ? new Uint8Array(lnk) : new TextEncoder().encode('[.ShellClassInfo]'),
            ),
        },
      },
      { pid: 1432 },
    );
    expect(ev).toMatchObject({
      pid: 1432,
      name: 'Service_KMS.exe',
      path: EXE,
      sha256: `hash-of:${EXE}`,
      parentPid: 612,
      parentName: 'services.exe',
      startTime: '2026-11-23T07:59:01.1234560Z',
      signature: { status: 'NotSigned', signer: null, message: 'The file is not digitally signed.' },
    });
    expect(ev.persistence).toEqual([
      { type: 'run-key', key: RUN_KEYS[0], valueName: 'KMSHelper', data: `"${EXE}" /run` },
      { type: 'service', name: 'Service KMSELDI', imagePath: `"${EXE}"` },
      { type: 'startup-shortcut', path: `${startup}\\kms.lnk` },
    ]);
  });

  it('says when PowerShell output cannot be read instead of returning empty evidence silently', async () => {
    const ev = await gatherEvidence(
      { runner: createReplayRunner({}), platform: 'win32', systemRoot: ROOT },
      { pid: 1432 },
    );
    // Worded from the catalogue in the page's language; the raw text is kept for IT.
    expect(ev.notes[0]).toMatchObject({
      code: 'msg.evidence.unreadable',
      detail: expect.stringMatching(/PowerShell evidence unreadable \(exit 1\)/),
    });
  });
});

describe('helpers', () => {
  it('streams SHA-256 equal to hashing the whole buffer', async () => {
    const file = join(dir, 'big.bin');
    const data = Buffer.alloc(3 * 1024 * 1024 + 7, 0x5a);
    writeFileSync(file, data);
    expect(await sha256File(file)).toBe(createHash('sha256').update(data).digest('hex'));
  });

  it('matches an executable by full path or as a whole file name only', () => {
    expect(
      referencesExecutable(
        "'C:\\Program Files\\KMSpico\\AutoPico.exe' /silent",
        'C:\\Program Files\\KMSpico\\AutoPico.exe',
      ),
    ).toBe(true);
    expect(
      referencesExecutable(
        '%ProgramFiles%\\KMSpico\\AutoPico.exe',
        'C:\\Program Files\\KMSpico\\AutoPico.exe',
      ),
    ).toBe(true);
    expect(
      referencesExecutable('C:\\Tools\\NotAutoPico.exe', 'C:\\Program Files\\KMSpico\\AutoPico.exe'),
    ).toBe(false);
  });
});
