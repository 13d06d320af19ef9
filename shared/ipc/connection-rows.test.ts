import { describe, expect, it } from 'vitest';
import type { ScanReport } from '../domain';
import { connection as conn } from '../../test/support/connection';
import { rowsToCsv, rowsToJson, summarize, toConnectionRows } from './connection-rows';

const bad = conn({ pid: 4242, processName: 'KMSELDI.exe', remoteAddress: '203.0.113.9', remotePort: 8080 });
const bad6 = conn({
  pid: 77,
  processName: 'svchost.exe',
  remoteAddress: '2001:db8::5',
  services: ['Dnscache'],
});
const report: ScanReport = {
  scannedAt: '2026-11-23T15:00:00.000Z',
  connections: [conn({}), bad, bad6],
  findings: [
    { indicator: '203.0.113.9', kind: 'ip', via: 'connection', source: 'sample', connection: { ...bad } },
    {
      indicator: '2001:db8::/32',
      kind: 'cidr',
      via: 'connection',
      source: 'sample',
      connection: { ...bad6 },
    },
    { indicator: 'c2.example', kind: 'domain', via: 'dns-cache', source: 'sample' },
  ],
  feeds: [],
  warnings: [],
};

describe('connection rows', () => {
  it('puts flagged rows first, joined with their indicator and source', () => {
    const rows = toConnectionRows(report);
    expect(rows.map((r) => [r.pid, r.flagged, r.indicator])).toEqual([
      [4242, true, '203.0.113.9'],
      [77, true, '2001:db8::/32'],
      [100, false, null],
    ]);
  });

  it('summarizes the verdict: flagged connections, the programs by name, other signs', () => {
    expect(summarize(report)).toEqual({
      flagged: 2,
      programs: ['KMSELDI.exe', 'svchost.exe'],
      otherFindings: 1,
    });
  });

  it('writes CSV with brackets around IPv6 and neutralises spreadsheet formulas in names', () => {
    const evil = {
      ...report,
      connections: [conn({ processName: '=HYPERLINK("x")', processPath: 'C:\\a,b' })],
    };
    const csv = rowsToCsv(toConnectionRows({ ...evil, findings: [] }), 'en');
    expect(csv.startsWith('\uFEFFFlagged,PID,Process,')).toBe(true);
    // The Vietnamese export speaks Vietnamese: headers and yes/no in words.
    const vi = rowsToCsv(toConnectionRows({ ...evil, findings: [] }), 'vi').split('\r\n');
    expect(vi[0]).toMatch(/^\uFEFFCó trong danh sách độc hại,PID,Chương trình,Đường dẫn,Dịch vụ,Giao thức,/);
    expect(vi[0]).not.toMatch(/flagged|process|remote|indicator/i);
    expect(vi[1]).toMatch(/^không,/);
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv).toContain('"C:\\a,b"');
    // Excel with a Vietnamese or European list separator splits unquoted cells on ';'.
    const semi = rowsToCsv(
      toConnectionRows({ ...report, connections: [conn({ processPath: 'C:\\x;y\\a.exe' })], findings: [] }),
      'en',
    );
    expect(semi).toContain('"C:\\x;y\\a.exe"');
    expect(rowsToCsv(toConnectionRows(report), 'vi')).toContain('[2001:db8::5]:443');
  });

  it('writes JSON with the scan time and every row', () => {
    const parsed = JSON.parse(rowsToJson(toConnectionRows(report), report.scannedAt)) as {
      scannedAt: string;
      connections: { pid: number }[];
    };
    expect(parsed.scannedAt).toBe(report.scannedAt);
    expect(parsed.connections.map((c) => c.pid)).toEqual([4242, 77, 100]);
  });
});

describe('connection rows of ended sockets', () => {
  it('does not flag an ownerless TIME_WAIT socket listed among the findings (it is recent, not live)', () => {
    const ended = conn({ pid: null, processName: null, state: 'TIME_WAIT', remoteAddress: '203.0.113.9' });
    const rows = toConnectionRows({
      ...report,
      connections: [ended],
      findings: [
        { indicator: '203.0.113.9', kind: 'ip', via: 'connection', source: 'sample', connection: ended },
      ],
    });
    expect(rows.map((r) => [r.state, r.flagged])).toEqual([['TIME_WAIT', false]]);
  });
});
