// `npm run tally -- units import` and `report` as a person runs them: exit codes and messages.
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadMigrations } from '../../../tally/store/migrations';
import { toArrayBuffer } from './helpers';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const fixtures = join(root, 'test', 'fixtures', 'tally');
const dataDir = mkdtempSync(join(tmpdir(), 'tally-cli-'));
const tally = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(root, 'tally', 'cli.ts'), ...args], {
    cwd: root,
    env: { ...process.env, TALLY_DATA_DIR: dataDir, DATABASE_URL: '' },
    encoding: 'utf8',
  });

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

// Each case starts Node with tsx at least once; on a loaded 2-core machine that can take seconds.
const SLOW = 120_000;

describe('tally CLI', () => {
  it('refuses a bad units file with every bad line and imports nothing', { timeout: SLOW }, () => {
    const r = tally('units', 'import', join(fixtures, 'units-bad.csv'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('units-bad.csv:3:');
    expect(r.stderr).toContain('units-bad.csv:7:');
    // The file is checked before the database is even opened.
    expect(existsSync(join(dataDir, 'tally.sqlite'))).toBe(false);
  });

  it(
    'imports units, creating and migrating the database on first use, and again without duplicates',
    { timeout: SLOW },
    () => {
      const first = tally('units', 'import', join(fixtures, 'units.csv'));
      expect(first.stderr).toBe('');
      expect(first.status).toBe(0);
      expect(first.stdout).toContain('mới 3');
      const second = tally('units', 'import', join(fixtures, 'units.csv'));
      expect(second.stdout).toContain('cập nhật 3');
      const db = new Database(join(dataDir, 'tally.sqlite'), { readonly: true });
      expect(db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all()).toEqual(
        loadMigrations('sqlite').map((m) => ({ version: m.version, name: m.name })),
      );
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      db.close();
    },
  );

  it('writes the province report as XLSX', { timeout: SLOW }, async () => {
    const out = join(dataDir, 'phu-luc.xlsx');
    const r = tally('report', '--format', 'xlsx', '--out', out, '--unit-name', 'Sở TT&TT');
    expect(r.status).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(toArrayBuffer(readFileSync(out)));
    const sheet = wb.getWorksheet('Phụ lục')!;
    const cells: unknown[] = [];
    sheet.eachRow((row) => cells.push(row.getCell(3).value));
    expect(cells.slice(-6)).toEqual([3, 0, 0, 0, 0, 0]);
  });

  it('explains a wrong format, a missing --out and an unknown unit', { timeout: SLOW }, () => {
    const fmt = tally('report', '--format', 'pdf', '--out', join(dataDir, 'x'));
    expect(fmt.status).toBe(2);
    expect(fmt.stderr).toContain('expected docx, xlsx or csv');
    expect(tally('report', '--format', 'csv').stderr).toContain('--out FILE is required');
    const unit = tally('report', '--format', 'csv', '--out', join(dataDir, 'x.csv'), '--unit', 'KHONG-CO');
    expect(unit.status).toBe(2);
    expect(unit.stderr).toContain('no such unit');
    // One line naming the help, not the whole usage (issue 13).
    expect(tally('frobnicate').stderr).toContain('npm run tally -- --help');
  });
});
