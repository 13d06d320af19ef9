// `sachmadoc scan --captures DIR`: one folder per PC as assets/collect.cmd writes them, scanned
// each like `scan --netstat ...`, summarised per PC (verdict, findings, cracked signs), then details.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CapturePc } from './captures-command';
import { cliIn } from '../test/support/cli';

const FIX = resolve(__dirname, '../test/fixtures');
const dir = mkdtempSync(join(tmpdir(), 'sachmadoc-captures-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const pc = (folder: string, files: Record<string, string>, extra: Record<string, string> = {}): void => {
  mkdirSync(join(dir, 'pcs', folder), { recursive: true });
  for (const [name, from] of Object.entries(files))
    copyFileSync(join(FIX, from), join(dir, 'pcs', folder, name));
  for (const [name, text] of Object.entries(extra)) writeFileSync(join(dir, 'pcs', folder, name), text);
};
pc(
  'KETOAN-01_20261123-0815',
  { 'netstat.txt': 'netstat/ano-en-htb.txt' },
  {
    'computername.txt': 'KETOAN-01\r\n',
    'codepage.txt': 'Active code page: 437\r\n',
  },
);
pc('VANTHU-02_20261123-0820', {
  'netstat.txt': 'netstat/an-en-mozilla.txt',
  'uninstall.txt': 'licensing/reg-uninstall-kmspico-both-hives.txt',
});
pc('SACH-04_20261123-0830', { 'netstat.txt': 'netstat/an-en-mozilla.txt' });
mkdirSync(join(dir, 'pcs', 'TRONG-03_20261123-0825'));
writeFileSync(join(dir, 'feed.txt'), '10.10.14.0/24\n');

const run = cliIn(dir, 'scan');

describe('sachmadoc scan --captures', () => {
  it('gives one row per PC: name, verdict, findings, cracked signs; then the details', async () => {
    const { code, out } = await run(
      '--captures',
      'pcs',
      '--feed',
      'feed.txt',
      '--json',
      '--csv',
      'pcs.csv',
      '--html',
      'pcs.html',
    );
    expect(code).toBe(1);
    const { pcs } = JSON.parse(out) as { pcs: CapturePc[] };
    expect(pcs.map((p) => [p.name, p.verdict, p.findings, p.crackedSigns])).toEqual([
      ['KETOAN-01', 'findings', 1, 0],
      ['SACH-04_20261123-0830', 'clean', 0, 0],
      ['TRONG-03_20261123-0825', 'error', 0, 0],
      ['VANTHU-02_20261123-0820', 'findings', 0, 2],
    ]);
    expect(pcs[0].report?.findings[0]).toMatchObject({ via: 'connection' });
    expect(pcs[2].error).toContain('no capture file');
    expect(readFileSync(join(dir, 'pcs.csv'), 'utf8')).toContain('KETOAN-01,');
    const html = readFileSync(join(dir, 'pcs.html'), 'utf8');
    expect(html).toContain('<strong>2 / 4</strong> máy có dấu hiệu');
  });

  it('prints the summary table first, then each PC', async () => {
    const { code, out } = await run('--captures', 'pcs', '--feed', 'feed.txt');
    expect(code).toBe(1);
    expect(out.indexOf('KETOAN-01 | CÓ DẤU HIỆU / FINDINGS | 1 | 0')).toBeGreaterThan(0);
    expect(out.indexOf('== KETOAN-01')).toBeGreaterThan(out.indexOf('VANTHU-02_20261123-0820 | CÓ DẤU HIỆU'));
  });

  it('exits 2 for a folder that is not there, 0 when every PC is clean', async () => {
    expect((await run('--captures', 'nope', '--feed', 'feed.txt')).code).toBe(2);
    mkdirSync(join(dir, 'clean', 'A'), { recursive: true });
    copyFileSync(join(FIX, 'netstat/an-en-mozilla.txt'), join(dir, 'clean', 'A', 'netstat.txt'));
    expect((await run('--captures', 'clean', '--feed', 'feed.txt')).code).toBe(0);
    expect((await run('--csv', 'x.csv', '--feed', 'feed.txt')).err).toContain('--captures');
  });
});
