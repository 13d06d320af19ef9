// A unit list saved as UTF-16 (Excel's "Unicode Text", PowerShell's Export-Csv on Windows
// PowerShell 5) reads exactly like its UTF-8 twin, from a file and through the admin API.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readInputFile } from '../../node-shared/input-file';
import { buildTallyApp } from '../../tally/server/app';
import { decodeUnitsCsv, parseUnitsCsv } from '../../tally/units-csv';
import { sqliteFactory, type StoreHandle } from '../support/tally/helpers';

const CSV = 'code,name\r\nSO-TTTT,Sở Thông tin và Truyền thông\r\nUB-HUYEN-A,UBND huyện Krông Pắc\r\n';
const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CSV, 'utf16le')]);
const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(CSV, 'utf16le').swap16()]);
const expected = [
  { code: 'SO-TTTT', name: 'Sở Thông tin và Truyền thông' },
  { code: 'UB-HUYEN-A', name: 'UBND huyện Krông Pắc' },
];

describe('UTF-16 unit lists', () => {
  let dir: string | undefined;
  let h: StoreHandle | undefined;
  afterEach(async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    await h?.dispose();
  });

  it.each([
    ['UTF-16LE with BOM', le],
    ['UTF-16BE with BOM', be],
    ['UTF-16LE without BOM', Buffer.from(CSV, 'utf16le')],
  ])('reads %s from a file like UTF-8', async (_what, bytes) => {
    dir = mkdtempSync(join(tmpdir(), 'units-utf16-'));
    const file = join(dir, 'units.csv');
    writeFileSync(file, bytes);
    const parsed = parseUnitsCsv(decodeUnitsCsv(await readInputFile(file, 'unit-list'), file), file);
    expect(parsed).toEqual({ units: expected, issues: [] });
  });

  it('imports a UTF-16 list through the admin API', async () => {
    h = await sqliteFactory();
    const app = await buildTallyApp({
      store: h.store,
      adminToken: 'admin',
      dataDir: tmpdir(),
      bundledFeed: '/nonexistent',
      rateLimit: { max: 1000, timeWindowMs: 60_000 },
    });
    const res = await app.inject({
      method: 'POST',
      url: '/api/admin/units/import',
      headers: { authorization: 'Bearer admin', 'content-type': 'text/csv' },
      payload: le,
    });
    expect(res.statusCode).toBe(200);
    expect(await h.store.listUnits()).toEqual(expected);
    await app.close();
  });
});
