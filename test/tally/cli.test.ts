// `npm run tally -- units import`, `feed publish`, `campaigns` and `report` as a person runs them:
// exit codes and messages.
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadMigrations } from '../../tally/store/migrations';
import { generateKeyPairPem, parsePrivateKey, signFeedBytes } from '../../node-shared/feed/keys';
import { campaignFeedJson, toArrayBuffer } from '../support/tally/helpers';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixtures = join(root, 'test', 'fixtures', 'tally');
const dataDir = mkdtempSync(join(tmpdir(), 'tally-cli-'));
const tally = (...args: string[]) =>
  // As `npm run tally` runs it: the launcher and its compiled bundle (built first when stale).
  spawnSync(process.execPath, [join(root, 'bin', 'tally.cjs'), ...args], {
    cwd: root,
    env: { ...process.env, TALLY_DATA_DIR: dataDir, DATABASE_URL: '' },
    encoding: 'utf8',
  });

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const keys = join(root, 'test', 'fixtures', 'feed-keys');
const TEST_PUB = join(keys, 'TEST-ONLY-agency-2026.pub');
/** Writes FEED.json and FEED.json.sig signed with the test key; returns the feed's path. */
function signedFeed(name: string, json: string, privatePem?: string): string {
  const file = join(dataDir, name);
  writeFileSync(file, json);
  const key = parsePrivateKey(
    privatePem ?? readFileSync(join(keys, 'TEST-ONLY-agency-2026.key')),
    'test key',
  );
  writeFileSync(`${file}.sig`, signFeedBytes(Buffer.from(json), key));
  return file;
}

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

  it(
    'refuses a report while no campaign is published, and says how to publish one',
    { timeout: SLOW },
    () => {
      const r = tally('report', '--format', 'csv', '--out', join(dataDir, 'none.csv'));
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('Chưa có chiến dịch nào');
      expect(r.stderr).toContain('feed publish');
      expect(tally('campaigns').stdout).toContain('Chưa có chiến dịch nào');
      // A campaign that is not published is an error in one line, not a report of zeros.
      const unknown = tally(
        'report',
        '--campaign',
        'nope',
        '--format',
        'csv',
        '--out',
        join(dataDir, 'x.csv'),
      );
      expect(unknown.status).toBe(2);
      expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
      expect(unknown.stderr).toContain('Campaign "nope" is not published on this tally');
      expect(unknown.stderr).not.toContain('unexpected error');
      expect(existsSync(join(dataDir, 'x.csv'))).toBe(false);
    },
  );

  it(
    'refuses to publish the sample feed, a feed whose signature fails, and an older version',
    { timeout: SLOW },
    () => {
      const sample = signedFeed('sample.json', campaignFeedJson({ id: 'lam-sach-ma-doc-mau', sample: true }));
      const s = tally('feed', 'publish', sample, '--key', TEST_PUB);
      expect(s.status).toBe(2);
      expect(s.stderr).toContain('danh sách MẪU');
      // The bundled sample, against the pinned keys: refused too, whichever check refuses it.
      expect(tally('feed', 'publish', join(root, 'assets', 'feed', 'sample-feed.json')).status).toBe(2);
      const tampered = signedFeed('tampered.json', campaignFeedJson());
      writeFileSync(tampered, campaignFeedJson({ endsOn: '2027-12-31' }));
      const t = tally('feed', 'publish', tampered, '--key', TEST_PUB);
      expect(t.status).toBe(2);
      expect(t.stderr).toContain(`${tampered}: Chữ ký không khớp`);
      // Signed with a key that is not pinned, without --key.
      const stranger = generateKeyPairPem().privatePem;
      const unpinned = tally('feed', 'publish', signedFeed('unpinned.json', campaignFeedJson(), stranger));
      expect(unpinned.status).toBe(2);
      expect(unpinned.stderr).toContain('khoá lạ');
      expect(tally('campaigns').stdout).toContain('Chưa có chiến dịch nào');
      expect(existsSync(join(dataDir, 'feed', 'latest.json'))).toBe(false);
    },
  );

  it(
    'publishes a signed feed: served as /feed/latest.json, campaign listed; refuses an older version after it',
    { timeout: SLOW },
    () => {
      const json = campaignFeedJson({ version: 3 });
      const file = signedFeed('feed.json', json);
      const r = tally('feed', 'publish', file, '--key', TEST_PUB);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('chiến dịch "cd-2026"');
      expect(r.stdout).toContain('3 chỉ dấu');
      expect(readFileSync(join(dataDir, 'feed', 'latest.json'), 'utf8')).toBe(json);
      expect(readFileSync(join(dataDir, 'feed', 'latest.json.sig'), 'utf8')).toBe(
        readFileSync(`${file}.sig`, 'utf8'),
      );
      const older = tally(
        'feed',
        'publish',
        signedFeed('old.json', campaignFeedJson({ version: 2 })),
        '--key',
        TEST_PUB,
      );
      expect(older.status).toBe(2);
      expect(older.stderr).toContain('cũ hơn phiên bản đang phục vụ (3)');
      const list = tally('campaigns');
      expect(list.status).toBe(0);
      expect(list.stdout).toMatch(/cd-2026\t.*\t23\/08\/2026\t31\/12\/2026\t15\/12\/2026\t3\t/);
    },
  );

  it(
    'prints a unit enrolment token once, stores only its hash, rotates and revokes it',
    { timeout: SLOW },
    () => {
      const unit = (readFileSync(join(fixtures, 'units.csv'), 'utf8').split(/\r?\n/)[1] ?? '').split(',')[0];
      const first = tally('units', 'token', unit);
      expect(first.status).toBe(0);
      const token = first.stdout.trim();
      expect(token).toMatch(/^smd-unit-[A-Za-z0-9_-]{43}$/);
      expect(first.stderr).toContain('shown once');
      const again = tally('units', 'token', unit);
      expect(again.status).toBe(2);
      expect(again.stdout).toBe('');
      expect(again.stderr).toContain('--rotate');
      const rotated = tally('units', 'token', unit, '--rotate');
      expect(rotated.status).toBe(0);
      expect(rotated.stdout.trim()).not.toBe(token);
      const db = new Database(join(dataDir, 'tally.sqlite'), { readonly: true });
      const stored = db.prepare('SELECT unit_code, token_hash FROM unit_tokens').all() as {
        token_hash: string;
      }[];
      db.close();
      expect(stored).toHaveLength(1);
      expect(JSON.stringify(stored)).not.toContain(rotated.stdout.trim());
      expect(tally('units', 'token', 'KHONG-CO').stderr).toContain('not registered');
      const revoked = tally('units', 'revoke', unit);
      expect(revoked.status).toBe(0);
      expect(revoked.stdout).toContain('Revoked');
      expect(tally('units', 'revoke', unit).stdout).toContain('has no enrolment token');
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
    expect(r.stdout).toContain('chiến dịch "cd-2026"');
    expect(cells).toContain(3);
    const rows: string[] = [];
    sheet.eachRow((row) => rows.push(row.getCell(1).text));
    expect(rows.find((x) => x.startsWith('Chiến dịch: '))).toMatch(
      /^Chiến dịch: Chiến dịch làm sạch mã độc trên không gian mạng năm 2026 \(cd-2026\), từ 23\/08\/2026 đến 31\/12\/2026; số liệu lập lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\.$/,
    );
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
