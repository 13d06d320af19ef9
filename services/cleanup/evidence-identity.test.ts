// The evidence report names the machine (computer, domain, user, OS build, IP and MAC addresses),
// fills every column in words, writes times in local time, and is named with the computer and the
// date; the anonymized tally result carries none of the machine identity (issue 15).
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppServices } from '../app-services';
import { createHandlers } from '../ipc/handlers';
import type { MachineFacts, MachineIdentity } from './machine-identity';
import { readMachineIdentity } from './machine-identity';
import { renderEvidenceHtml } from './report';
import { createReplayRunner } from '../command-runner';
import { createSettingsStore } from '../settings/settings-store';
import type { Connection, Finding, ScanReport } from '../../shared/domain';
import { dispatch } from '../../shared/ipc/dispatch';
import { createLogger } from '../../shared/logger';

const root = fileURLToPath(new URL('../../', import.meta.url));
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'evidence-identity-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

// What node:os and the environment say on a domain-joined Windows 10 PC of a provincial department.
const windowsPc = (env: Record<string, string>): MachineFacts => ({
  hostname: () => 'pc-ketoan-01',
  user: () => 'nguyenvana',
  osVersion: () => 'Windows 10 Pro',
  osRelease: () => '10.0.19045',
  interfaces: () => ({
    Ethernet: [
      {
        address: '192.168.10.23',
        netmask: '255.255.255.0',
        family: 'IPv4',
        mac: '3c:52:82:1a:9f:07',
        internal: false,
        cidr: '192.168.10.23/24',
      },
      {
        address: 'fe80::8d4c:2b1e:51a7:9c3d',
        netmask: 'ffff:ffff:ffff:ffff::',
        family: 'IPv6',
        mac: '3c:52:82:1a:9f:07',
        internal: false,
        cidr: 'fe80::8d4c:2b1e:51a7:9c3d/64',
        scopeid: 12,
      },
    ],
    'Loopback Pseudo-Interface 1': [
      {
        address: '127.0.0.1',
        netmask: '255.0.0.0',
        family: 'IPv4',
        mac: '00:00:00:00:00:00',
        internal: true,
        cidr: '127.0.0.1/8',
      },
    ],
  }),
  env,
});
const joined = readMachineIdentity(
  windowsPc({ COMPUTERNAME: 'PC-KETOAN-01', USERDOMAIN: 'SOTTTT', USERDNSDOMAIN: 'SOTTTT.QUANGNINH.GOV.VN' }),
);

describe('machine identity', () => {
  it('reads name, domain, user, OS build and the non-loopback IP and MAC addresses', () => {
    expect(joined).toEqual({
      computerName: 'PC-KETOAN-01',
      domain: 'SOTTTT.QUANGNINH.GOV.VN',
      user: 'nguyenvana',
      osBuild: 'Windows 10 Pro (10.0.19045)',
      addresses: [
        { adapter: 'Ethernet', address: '192.168.10.23', family: 'IPv4', mac: '3C:52:82:1A:9F:07' },
        {
          adapter: 'Ethernet',
          address: 'fe80::8d4c:2b1e:51a7:9c3d',
          family: 'IPv6',
          mac: '3C:52:82:1A:9F:07',
        },
      ],
    });
  });

  it('has no domain on a workgroup PC (USERDOMAIN is the computer name there)', () => {
    const workgroup = readMachineIdentity(
      windowsPc({ COMPUTERNAME: 'PC-KETOAN-01', USERDOMAIN: 'PC-KETOAN-01' }),
    );
    expect(workgroup.domain).toBeNull();
  });

  it('reads this machine through node:os', () => {
    const here = readMachineIdentity();
    expect(here.computerName).toBe(process.env.COMPUTERNAME ?? hostname());
    expect(here.user).not.toBe('');
    expect(here.addresses.every((a) => a.address !== '127.0.0.1' && a.address !== '::1')).toBe(true);
  });
});

const evil: Connection = {
  protocol: 'tcp',
  localAddress: '192.168.10.23',
  localPort: 50122,
  remoteAddress: '203.0.113.9',
  remotePort: 8080,
  state: 'ESTABLISHED',
  pid: 4242,
  processName: 'svchost.exe',
  processPath: 'C:\\Users\\nguyenvana\\AppData\\Roaming\\Microsoft\\svchost.exe',
  services: [],
  names: ['c2.evil.example', 'pc-ketoan-01.sottt.quangninh.gov.vn'],
};
const finding: Finding = {
  indicator: '203.0.113.9',
  kind: 'ip',
  via: 'connection',
  source: 'campaign',
  connection: evil,
};
const report: ScanReport = {
  scannedAt: '2026-11-23T10:00:00.000Z',
  connections: [evil],
  findings: [finding],
  feeds: [{ source: 'campaign', indicators: 1200, version: 3 }],
  warnings: [],
};

describe('evidence report', () => {
  const html = renderEvidenceHtml({
    generatedAt: '2026-11-23T10:20:30.000Z',
    timeZone: 'Asia/Ho_Chi_Minh',
    machine: {
      hostname: joined.computerName,
      domain: joined.domain,
      user: joined.user,
      os: joined.osBuild,
      addresses: joined.addresses,
    },
    findings: [finding],
    evidence: [],
    actions: [
      {
        time: '2026-11-23T10:15:02.000Z',
        step: 'terminate',
        args: { pid: 4242, name: 'svchost.exe' },
        outcome: 'ok',
        message: { vi: 'Đã dừng', en: 'Stopped' },
      },
      {
        time: '2026-11-23T10:16:40.000Z',
        step: 'rescan',
        args: {},
        outcome: 'ok',
        message: { vi: 'Không còn kết nối', en: 'Gone' },
      },
    ],
  });

  it('names the machine, says it stays local, and writes times in local time', () => {
    for (const text of [
      'PC-KETOAN-01',
      'SOTTTT.QUANGNINH.GOV.VN',
      'nguyenvana',
      'Windows 10 Pro (10.0.19045)',
      '192.168.10.23 — MAC 3C:52:82:1A:9F:07 (Ethernet)',
    ])
      expect(html).toContain(text);
    expect(html).toContain('không gửi về máy chủ tổng hợp');
    expect(html).toContain('17:20:30 ngày 23/11/2026 (giờ máy, UTC+07:00)');
    expect(html).toContain('17:15:02 ngày 23/11/2026 (giờ máy, UTC+07:00)');
    expect(html).not.toContain('2026-11-23T10:15:02');
  });

  it('names steps, kinds, routes and levels in words, and leaves no cell empty', () => {
    expect(html).toContain('Dừng tiến trình');
    expect(html).toContain('Kiểm tra lại');
    expect(html).toContain('Địa chỉ IP độc hại');
    expect(html).toContain('qua kết nối mạng');
    expect(html).toContain('Chưa xếp mức');
    expect(html).toContain('PID 4242 svchost.exe');
    expect(html).not.toMatch(/<td>terminate<\/td>|<td>rescan<\/td>/);
    expect(html).not.toMatch(/<td>\s*<\/td>|<td><code>\s*<\/code><\/td>/);
  });
});

function handlers(machine: MachineIdentity) {
  const unused = () => Promise.reject(new Error('unused'));
  return createHandlers({
    version: '0.1.0',
    platform: 'win32',
    settings: createSettingsStore({ file: join(dir, 'settings.json'), logger: createLogger('t') }),
    emit: () => undefined,
    now: () => new Date('2026-11-23T10:20:30Z'),
    timeZone: 'Asia/Ho_Chi_Minh',
    glue: {
      runtime: 'harness',
      openInBrowser: () => Promise.resolve(false),
      copyText: () => Promise.resolve(false),
      saveExport: (f) => Promise.resolve({ kind: 'download', ...f }),
    },
    services: {
      scan: () => Promise.resolve(report),
      machine: () => machine,
      feedStatus: unused,
      updateFeed: unused,
      tallyUnits: unused,
      tallyQueue: unused,
      tallyResend: unused,
      tallyDeleteRefused: unused,
      tallyRetries: unused,
      tallyPreview: unused,
      tallySend: unused,
      newCleanupSession: unused,
    },
  });
}

describe('evidence report file', () => {
  it('is named with the computer name and the local date and time', async () => {
    const h = handlers(joined);
    await dispatch(h, 'scan:run', {});
    const html = await dispatch(h, 'cleanup:report', { format: 'html' });
    expect(html).toMatchObject({
      ok: true,
      value: { fileName: 'sachmadoc-evidence-PC-KETOAN-01-20261123-172030.html' },
    });
    const json = (await dispatch(h, 'cleanup:report', { format: 'json' })) as {
      ok: true;
      value: { content: string };
    };
    expect(JSON.parse(json.value.content)).toMatchObject({
      machine: { hostname: 'PC-KETOAN-01', domain: 'SOTTTT.QUANGNINH.GOV.VN', user: 'nguyenvana' },
    });
  });

  it('keeps a strange computer name to safe file-name characters', async () => {
    const h = handlers({ ...joined, computerName: 'PC/..\\Kế toán 01' });
    await dispatch(h, 'scan:run', {});
    const html = await dispatch(h, 'cleanup:report', { format: 'html' });
    expect(html).toMatchObject({
      ok: true,
      value: { fileName: 'sachmadoc-evidence-PC-K-to-n-01-20261123-172030.html' },
    });
  });
});

describe('the tally result carries no machine identity', () => {
  it('has none of the computer name, domain, user, OS build, IP or MAC addresses, this machine’s or a Windows PC’s', async () => {
    const services = await createAppServices({
      dataDir: dir,
      assetsDir: join(root, 'assets'),
      appVersion: '0.1.0',
      platform: 'win32',
      env: { COMPUTERNAME: 'PC-KETOAN-01', USERDOMAIN: 'SOTTTT', USERDNSDOMAIN: 'SOTTTT.QUANGNINH.GOV.VN' },
      runner: createReplayRunner({}),
      logger: createLogger('test'),
    });
    const here = services.machine!();
    expect(here.computerName).toBe('PC-KETOAN-01');
    // This machine's real addresses on the scanned connections, beside the Windows PC's.
    const mine = here.addresses.map((a, i) => ({ ...evil, localAddress: a.address, localPort: 50200 + i }));
    const scanned = { ...report, connections: [evil, ...mine] };
    const { result } = await services.tallyPreview(scanned, 'SO-TTTT', 'http://127.0.0.1:9/');
    expect(result.counts.connectionsChecked).toBe(1 + mine.length);
    expect(result.counts.findings.ip).toBe(1);
    // Every value the tally would receive (keys are the schema's words, not data).
    const leaves = (v: unknown): string[] =>
      v !== null && typeof v === 'object' ? Object.values(v).flatMap(leaves) : [String(v)];
    const payload = leaves(result).join('\n').toLowerCase();
    const identity = [
      ...[joined, here].flatMap((m) => [m.computerName, m.user, m.osBuild, ...(m.domain ? [m.domain] : [])]),
      ...[joined, here].flatMap((m) => m.addresses.flatMap((a) => [a.address, ...(a.mac ? [a.mac] : [])])),
      '10.0.19045',
      'sottt',
    ];
    expect(identity.length).toBeGreaterThan(8);
    for (const value of identity) expect(payload).not.toContain(value.toLowerCase());
  });
});
