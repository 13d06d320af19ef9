// The install's memory of findings in a campaign: kept in a file across restarts, per campaign,
// and what it makes of the next result's cleanRescan.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanRescanFor, hadFindings, rememberFindings } from './campaign-memory';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'campaign-memory-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('campaign memory', () => {
  it('remembers findings per campaign in a file, keeping the first time', async () => {
    expect(await hadFindings(dir, 'cd-2026')).toBe(false);
    await rememberFindings(dir, 'cd-2026', new Date('2026-11-20T02:00:00Z'));
    await rememberFindings(dir, 'cd-2026', new Date('2026-11-21T02:00:00Z'));
    // A restart: nothing in memory but the file.
    expect(await hadFindings(dir, 'cd-2026')).toBe(true);
    expect(await hadFindings(dir, 'cd-2027')).toBe(false);
    expect(JSON.parse(readFileSync(join(dir, 'campaign-findings.json'), 'utf8'))).toEqual({
      'cd-2026': '2026-11-20T02:00:00.000Z',
    });
  });

  it('treats an unreadable file as nothing remembered, and rewrites it whole', async () => {
    writeFileSync(join(dir, 'campaign-findings.json'), '{"cd-2026": ');
    expect(await hadFindings(dir, 'cd-2026')).toBe(false);
    await rememberFindings(dir, 'cd-2026', new Date('2026-11-20T02:00:00Z'));
    expect(await hadFindings(dir, 'cd-2026')).toBe(true);
  });

  it('sends the next check without findings as clean; the guided re-scan, when one ran, says its own', () => {
    expect(cleanRescanFor(true, false, null)).toBe(true);
    expect(cleanRescanFor(false, false, null)).toBeNull();
    expect(cleanRescanFor(true, true, null)).toBeNull();
    expect(cleanRescanFor(true, true, true)).toBe(true);
    expect(cleanRescanFor(false, false, false)).toBe(false);
  });
});
