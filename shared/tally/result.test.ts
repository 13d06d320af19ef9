import { describe, expect, it } from 'vitest';
import type { Connection, ScanReport } from '../domain';
import {
  anonymizedResultSchema,
  buildAnonymizedResult,
  campaignDay,
  crackedSoftwareSignCount,
  RESULT_LIMITS,
  totalFindings,
} from './result';
import { connection } from '../../test/support/connection';

const installId = '3f1c2b9a-8d7e-4c6b-9a5f-1e2d3c4b5a69';
const submissionId = '9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

// Every string here identifies the machine or its user; none may reach the payload.
const secrets = [
  'DESKTOP-NGUYENVANA',
  'C:\\Users\\nguyenvana\\AppData\\Roaming\\evil\\updater.exe',
  'nguyenvana',
  'updater.exe',
  'chrome.exe',
  '192.168.1.23',
  '10.0.0.5',
  'fe80::1c2d:3e4f:5a6b:7c8d',
  '00-1A-2B-3C-4D-5E',
  'KMSpico',
  'C:\\Program Files\\KMSpico\\KMSELDI.exe',
  'Dịch vụ Máy trạm',
];

function conn(local: string, remote: string, name: string, path: string): Connection {
  return connection({
    localAddress: local,
    localPort: 49_731,
    remoteAddress: remote,
    pid: 4242,
    processName: name,
    processPath: path,
    services: ['Dịch vụ Máy trạm'],
  });
}

const report: ScanReport = {
  scannedAt: '2026-11-23T23:30:00.000Z',
  connections: [
    conn('192.168.1.23', '203.0.113.9', 'updater.exe', secrets[1]),
    conn('10.0.0.5', '198.51.100.7', 'chrome.exe', 'C:\\Users\\nguyenvana\\chrome.exe'),
    conn('fe80::1c2d:3e4f:5a6b:7c8d', '2001:db8::5', 'svchost.exe', 'C:\\Windows\\svchost.exe'),
  ],
  findings: [
    {
      indicator: '203.0.113.9',
      kind: 'ip',
      via: 'connection',
      source: 'campaign-2026',
      indicatorId: 'ioc-0001',
      connection: conn('192.168.1.23', '203.0.113.9', 'updater.exe', secrets[1]),
    },
    {
      indicator: '198.51.100.0/24',
      kind: 'cidr',
      via: 'connection',
      source: 'campaign-2026',
      indicatorId: 'ioc-0002',
    },
    {
      indicator: 'evil.example',
      kind: 'domain',
      via: 'hosts-file',
      source: 'campaign-2026',
      evidence: 'C:\\Windows\\System32\\drivers\\etc\\hosts:12 on DESKTOP-NGUYENVANA, MAC 00-1A-2B-3C-4D-5E',
    },
    {
      indicator: 'KMSpico',
      kind: 'crack-tool',
      via: 'licensing',
      source: 'crack-signatures',
      evidence: secrets[10],
    },
  ],
  feeds: [{ source: 'campaign-2026', indicators: 3 }],
  warnings: [{ file: 'C:\\Users\\nguyenvana\\netstat.txt', line: 3, message: 'host nguyenvana' }],
};

const base = {
  report,
  campaignId: 'cd-2026',
  unitCode: 'SO-TTTT',
  installId,
  submissionId,
  appVersion: '0.1.0',
  os: { family: 'windows' as const, major: '10' },
  cleanRescan: null,
  crackedSoftwareSigns: 1,
  now: new Date('2026-11-23T23:30:00.000Z'),
};

describe('buildAnonymizedResult', () => {
  it('keeps counts and indicator ids, and nothing that identifies the machine or the user', () => {
    const result = buildAnonymizedResult(base);
    const payload = JSON.stringify(result);
    for (const s of secrets) expect(payload).not.toContain(s);
    expect(payload.toLowerCase()).not.toContain('users');
    expect(result.counts).toEqual({
      connectionsChecked: 3,
      findings: { ip: 1, cidr: 1, domain: 1 },
      crackedSoftwareSigns: 1,
    });
    expect(result.matchedIndicatorIds).toEqual(['domain:evil.example', 'ioc-0001', 'ioc-0002']);
    expect(Object.keys(result).sort()).toEqual(
      [
        'schema',
        'submissionId',
        'installId',
        'campaignId',
        'unitCode',
        'day',
        'appVersion',
        'os',
        'counts',
        'cleanRescan',
        'matchedIndicatorIds',
      ].sort(),
    );
  });

  it("dates the result by Vietnam's calendar day", () => {
    expect(buildAnonymizedResult(base).day).toBe('2026-11-24');
    expect(campaignDay(new Date('2026-11-23T16:59:59Z'))).toBe('2026-11-23');
  });

  it('draws a fresh v4 submission id when none is given', () => {
    const a = buildAnonymizedResult({ ...base, submissionId: undefined });
    const b = buildAnonymizedResult({ ...base, submissionId: undefined });
    expect(a.submissionId).not.toBe(b.submissionId);
    expect(anonymizedResultSchema.safeParse(a).success).toBe(true);
  });

  it('bounds the indicator list so a payload stays small', () => {
    const many = Array.from({ length: 500 }, (_, i) => ({
      indicator: `203.0.113.${i % 250}`,
      kind: 'ip' as const,
      via: 'connection' as const,
      source: 'x',
      indicatorId: `ioc-${String(i).padStart(4, '0')}`,
    }));
    const r = buildAnonymizedResult({ ...base, report: { ...report, findings: many } });
    expect(r.matchedIndicatorIds).toHaveLength(100);
    expect(r.counts.findings.ip).toBe(500);
    expect(JSON.stringify(r).length).toBeLessThan(16 * 1024);
  });

  // Issue 19: both survived a planted bug (`<` for `<=`; the sort dropped or after the slice).
  it('keeps an indicator id of exactly the maximum length and drops a longer one', () => {
    const id = (n: number, c: string) => `ioc-${c.repeat(n - 4)}`;
    const at = id(RESULT_LIMITS.indicatorIdLength, 'a');
    const over = id(RESULT_LIMITS.indicatorIdLength + 1, 'b');
    expect([at.length, over.length]).toEqual([128, 129]);
    const findings = [at, over, 'ioc-0001'].map((indicatorId, i) => ({
      indicator: `203.0.113.${i + 1}`,
      kind: 'ip' as const,
      via: 'connection' as const,
      source: 'campaign-2026',
      indicatorId,
    }));
    const r = buildAnonymizedResult({ ...base, report: { ...report, findings } });
    expect(r.matchedIndicatorIds).toEqual(['ioc-0001', at]);
    expect(r.counts.findings.ip).toBe(3);
  });

  it('given more ids than the cap in shuffled order, keeps the first ones in sorted order', () => {
    const ids = Array.from({ length: 250 }, (_, i) => `ioc-${String(i).padStart(4, '0')}`);
    // A fixed Fisher–Yates shuffle (LCG seeded 19): the order findings arrive in is not sorted.
    let seed = 19;
    const shuffled = [...ids];
    for (let i = shuffled.length - 1; i > 0; i--) {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      const j = seed % (i + 1);
      [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
    }
    expect(shuffled.slice(0, 100).sort()).not.toEqual(ids.slice(0, 100));
    const findings = shuffled.map((indicatorId) => ({
      indicator: 'evil.example',
      kind: 'domain' as const,
      via: 'dns-cache' as const,
      source: 'campaign-2026',
      indicatorId,
    }));
    const r = buildAnonymizedResult({ ...base, report: { ...report, findings } });
    expect(r.matchedIndicatorIds).toEqual(ids.slice(0, RESULT_LIMITS.matchedIndicatorIds));
  });

  it('rejects a unit code that could smuggle text, instead of sending it', () => {
    expect(() => buildAnonymizedResult({ ...base, unitCode: 'C:\\Users\\nguyenvana' })).toThrow();
  });
});

describe('anonymizedResultSchema', () => {
  const good = buildAnonymizedResult(base);
  it('accepts exactly the issue fields', () => {
    expect(anonymizedResultSchema.parse(JSON.parse(JSON.stringify(good)))).toEqual(good);
  });
  it.each([
    ['an extra top-level field', { ...good, hostName: 'DESKTOP-NGUYENVANA' }],
    ['an extra nested field', { ...good, os: { ...good.os, build: '19045' } }],
    ['a v1 uuid', { ...good, installId: 'c232ab00-9414-11ec-b3c8-9f6bdeced846' }],
    ['a bad day', { ...good, day: '2026-13-01' }],
    ['a negative count', { ...good, counts: { ...good.counts, connectionsChecked: -1 } }],
    ['a fractional count', { ...good, counts: { ...good.counts, crackedSoftwareSigns: 1.5 } }],
    ['a string count', { ...good, counts: { ...good.counts, connectionsChecked: '3' } }],
    ['a wrong schema version', { ...good, schema: 2 }],
    ['an unknown os family', { ...good, os: { family: 'android', major: '14' } }],
  ])('rejects %s', (_name, value) => {
    expect(anonymizedResultSchema.safeParse(value).success).toBe(false);
  });
});

describe('what the result never counts (issue 10)', () => {
  const ended = {
    ...conn('192.168.1.23', '203.0.113.77', 'System Idle Process', ''),
    state: 'TIME_WAIT',
    pid: 0,
  };
  const info: ScanReport = {
    scannedAt: '2026-11-23T23:30:00.000Z',
    connections: [ended],
    findings: [
      {
        indicator: 'KMSpico',
        kind: 'crack-tool',
        via: 'licensing',
        source: 'signatures',
        evidence: 'service "Service KMSELDI"',
      },
    ],
    feeds: [{ source: 'lam-sach-ma-doc-mau', indicators: 9, version: 1, sample: true }],
    warnings: [],
    blocked: [{ indicator: 'evil.example', domain: 'c2.evil.example', address: '0.0.0.0', source: 'feed' }],
    recent: [{ indicator: '203.0.113.77', kind: 'ip', via: 'connection', source: 'feed', connection: ended }],
    notices: [
      {
        indicator: 'Windows(R) 7, Enterprise edition',
        kind: 'not-activated',
        via: 'licensing',
        source: 'slmgr',
        evidence: 'License Status: Initial grace period',
      },
    ],
  };

  it('counts neither blocked names, nor ended connections, nor notices', () => {
    const r = buildAnonymizedResult({
      report: info,
      campaignId: 'cd-2026',
      unitCode: 'SO-TTTT',
      installId,
      submissionId,
      appVersion: '0.1.0',
      os: { family: 'windows', major: '10' },
      cleanRescan: null,
      crackedSoftwareSigns: crackedSoftwareSignCount(info),
      now: new Date('2026-11-23T23:30:00.000Z'),
    });
    expect(r.counts).toEqual({
      connectionsChecked: 1,
      findings: { ip: 0, cidr: 0, domain: 0 },
      crackedSoftwareSigns: 1,
    });
    expect(r.matchedIndicatorIds).toEqual([]);
  });

  it('a not-activated entry is never a cracked-software sign, even among findings', () => {
    const older: ScanReport = { ...info, findings: [...info.findings, ...info.notices!] };
    expect(crackedSoftwareSignCount(older)).toBe(1);
  });
});

describe('result counting helpers (issue 19: mutants that survived)', () => {
  it('counts only licensing findings as cracked-software signs, never connection or hosts findings', () => {
    // report: an ip, a cidr and a domain finding (connection, hosts-file) and one licensing sign.
    expect(crackedSoftwareSignCount(report)).toBe(1);
    expect(crackedSoftwareSignCount({ ...report, findings: report.findings.slice(0, 3) })).toBe(0);
  });

  it('totals the findings of every indicator kind', () => {
    const r = buildAnonymizedResult(base);
    expect(totalFindings(r)).toBe(3);
    const counts = { ...r.counts, findings: { ip: 4, cidr: 2, domain: 7 } };
    expect(totalFindings({ ...r, counts })).toBe(13);
  });
});
