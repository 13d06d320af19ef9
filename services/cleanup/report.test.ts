import { describe, expect, it } from 'vitest';
import { buildEvidenceJson, createCleanupSession, renderEvidenceHtml, type ProcessEvidence } from '.';
import { createReplayRunner } from '../command-runner';
import type { Finding } from '../../shared/domain';

const hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>';
const finding: Finding = {
  indicator: 'KMSpico',
  indicatorId: 'kmspico',
  kind: 'crack-tool',
  via: 'licensing',
  source: 'assets/signatures/crack-tools.json',
  evidence: `service "${hostile}"`,
  severity: 'high',
  explanation: { vi: 'Tìm thấy dấu vết của KMSpico', en: 'Found a trace of KMSpico' },
  advice: { vi: 'Dùng "Dọn dẹp có hướng dẫn"', en: 'Use "Guided cleanup"' },
};
const evidence: ProcessEvidence = {
  pid: 1432,
  name: 'Service_KMS.exe',
  path: 'C:\\Program Files\\KMSpico\\Service_KMS.exe',
  sha256: 'ab'.repeat(32),
  commandLine: `"C:\\Program Files\\KMSpico\\Service_KMS.exe" ${hostile}`,
  parentPid: 612,
  parentName: 'services.exe',
  startTime: '2026-11-23T07:59:01Z',
  signature: { status: 'NotSigned', signer: null, message: null },
  persistence: [
    { type: 'service', name: 'Service KMSELDI', imagePath: 'C:\\Program Files\\KMSpico\\Service_KMS.exe' },
  ],
  notes: [],
};

async function actions() {
  const s = createCleanupSession({
    runner: createReplayRunner({}),
    platform: 'win32',
    backupDir: 'C:\\B',
    systemRoot: 'C:\\Windows',
    self: { pid: 7000, ppid: 6990 },
    clock: () => new Date('2026-11-23T15:00:00Z'),
    lookupProcessName: () => Promise.resolve('Service_KMS.exe'),
  });
  const p = s.propose({ step: 'terminate', pid: 1432, name: 'Service_KMS.exe' });
  if (p.ok) await s.confirm(p.value.token);
  s.propose({ step: 'terminate', pid: 840, name: 'lsass.exe' });
  return s.log();
}

describe('evidence report', () => {
  it('is one self-contained Vietnamese-first HTML page with every value escaped', async () => {
    const html = renderEvidenceHtml({
      generatedAt: '2026-11-23T15:05:00Z',
      machine: { hostname: `PC-${hostile}`, operator: 'Nguyễn Văn A' },
      findings: [finding],
      evidence: [evidence],
      actions: await actions(),
    });
    expect(html).toMatch(/^<!doctype html>\n<html lang="vi">/);
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&#60;script&#62;');
    expect(html).not.toMatch(/<(link|iframe|object|embed)\b|src=["']?http/i);
    expect(html).toContain("default-src 'none'");
    // Vietnamese heading first, English after it.
    expect(html.indexOf('Nhật ký thao tác')).toBeLessThan(html.indexOf('Action log'));
    expect(html).toContain('Nguyễn Văn A');
    expect(html).toContain('ab'.repeat(32));
    expect(html).toContain('Service KMSELDI');
    // The failed taskkill (not recorded) and the lsass refusal are both in the log, highlighted.
    expect(html.match(/<tr class="failed">/g)).toHaveLength(1);
    expect(html.match(/<tr class="refused">/g)).toHaveLength(1);
    // Times as people write them, in this computer's local time, never ISO with a Z.
    const local = new Date('2026-11-23T15:05:00Z');
    const pad = (n: number) => String(n).padStart(2, '0');
    expect(html).toContain(
      `${pad(local.getHours())}:${pad(local.getMinutes())}:00 ngày ${pad(local.getDate())}/${pad(local.getMonth() + 1)}/${local.getFullYear()}`,
    );
    expect(html).not.toContain('2026-11-23T15:05:00Z');
  });

  it('JSON carries findings, evidence and the action log with a versioned format', async () => {
    const log = await actions();
    const json = buildEvidenceJson({
      generatedAt: '2026-11-23T15:05:00Z',
      findings: [finding],
      evidence: [evidence],
      actions: log,
    });
    const round = JSON.parse(JSON.stringify(json)) as typeof json;
    expect(round).toMatchObject({
      format: 'sachmadoc-evidence-report',
      formatVersion: 1,
      findings: [{ kind: 'crack-tool', via: 'licensing', evidence: finding.evidence }],
      evidence: [{ sha256: 'ab'.repeat(32) }],
    });
    expect(round.actions.map((a) => `${a.step}:${a.outcome}`)).toEqual([
      'terminate:proposed',
      'terminate:failed',
      'terminate:refused',
    ]);
    expect(round.actions[1].args.command).toBe('C:\\Windows\\System32\\taskkill.exe /PID 1432 /F');
  });
});

describe('the evidence report keeps ended connections apart (issue 10)', () => {
  const recent: Finding = {
    indicator: '203.0.113.9',
    kind: 'ip',
    via: 'connection',
    source: 'campaign',
    connection: {
      protocol: 'tcp',
      localAddress: '192.168.0.106',
      localPort: 50046,
      remoteAddress: '203.0.113.9',
      remotePort: 443,
      state: 'TIME_WAIT',
      pid: 0,
      processName: null,
      processPath: null,
      services: [],
    },
  };
  const input = {
    generatedAt: '2026-11-23T09:00:00.000Z',
    findings: [],
    recent: [recent],
    evidence: [],
    actions: [],
  };

  it('lists them in the JSON under "recent", never among the findings', () => {
    const json = buildEvidenceJson(input);
    expect(json.findings).toEqual([]);
    expect(json.recent).toEqual([recent]);
  });

  it('gives them their own heading in the HTML, with the state', () => {
    const html = renderEvidenceHtml(input);
    expect(html).toContain('Kết nối gần đây, đã kết thúc (không tính là phát hiện)');
    expect(html).toContain('203.0.113.9:443 TIME_WAIT');
    expect(html).toContain('Không có phát hiện nào.');
  });
});
