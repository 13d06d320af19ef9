import { describe, expect, it } from 'vitest';
import type { ScanReport } from '../domain';
import { connection as conn } from '../../test/support/connection';
import { csvColumns, domainText, rowCells, rowsToCsv, rowsToJson, toConnectionRows } from './connection-rows';
import { scanReportSchema } from './schemas';

// A clean connection whose peer the cache knows by two names (CNAME chain), a flagged one whose
// domain indicator matched one of its names, and one with no name at all.
const named = conn({ pid: 100, names: ['www.portal.example', 'cdn.edge.example'] });
const flagged = conn({
  pid: 4242,
  processName: 'beacon.exe',
  remoteAddress: '198.51.100.7',
  names: ['a.cdn.evil.example', 'update.vendor.example'],
});
const nameless = conn({ pid: 7, remoteAddress: '192.0.2.9' });
const report: ScanReport = {
  scannedAt: '2026-11-23T15:00:00.000Z',
  connections: [named, flagged, nameless],
  findings: [
    {
      indicator: 'evil.example',
      kind: 'domain',
      via: 'connection',
      domain: 'a.cdn.evil.example',
      source: 'campaign',
      connection: flagged,
    },
  ],
  feeds: [],
  warnings: [],
};

describe('connection names in rows and exports', () => {
  const rows = toConnectionRows(report);
  const byPid = new Map(rows.map((r) => [r.pid, r]));

  it('gives every row the names of its peer, flagged or not, and an empty list when none is known', () => {
    expect(byPid.get(100)?.names).toEqual(['www.portal.example', 'cdn.edge.example']);
    expect(byPid.get(4242)?.names).toEqual(['a.cdn.evil.example', 'update.vendor.example']);
    expect(byPid.get(7)?.names).toEqual([]);
  });

  it('shows the flagged domain first in the domain cell, without repeating it', () => {
    expect(domainText(byPid.get(4242)!)).toBe('a.cdn.evil.example, update.vendor.example');
    expect(domainText(byPid.get(100)!)).toBe('www.portal.example, cdn.edge.example');
    expect(domainText(byPid.get(7)!)).toBe('');
  });

  it('writes the names in their own CSV column, next to the flagged domain', () => {
    const at = csvColumns.indexOf('names');
    expect(csvColumns[at - 1]).toBe('domain');
    expect(rowCells(byPid.get(100)!, 'en')[at]).toBe('www.portal.example cdn.edge.example');
    const lines = rowsToCsv(rows, 'en').split('\r\n');
    expect(lines[0]).toContain(',Flagged domain,Names (DNS),Indicator (IOC),');
    expect(lines.find((l) => l.includes(',4242,'))).toContain(
      ',a.cdn.evil.example,a.cdn.evil.example update.vendor.example,evil.example,campaign',
    );
  });

  it('writes the names as a list in the JSON export', () => {
    const parsed = JSON.parse(rowsToJson(rows, report.scannedAt)) as {
      connections: { pid: number; names: string[] }[];
    };
    expect(parsed.connections.find((c) => c.pid === 100)?.names).toEqual([
      'www.portal.example',
      'cdn.edge.example',
    ]);
    expect(parsed.connections.find((c) => c.pid === 7)?.names).toEqual([]);
  });

  it('keeps the names when the report crosses IPC (the schema would otherwise strip them)', () => {
    const parsed = scanReportSchema.parse(report);
    expect(parsed.connections[0].names).toEqual(['www.portal.example', 'cdn.edge.example']);
    expect(parsed.findings[0].connection?.names).toContain('a.cdn.evil.example');
    expect(parsed.connections[2]).not.toHaveProperty('names');
    expect(scanReportSchema.safeParse({ ...report, connections: [{ ...named, names: 'x' }] }).success).toBe(
      false,
    );
  });
});
