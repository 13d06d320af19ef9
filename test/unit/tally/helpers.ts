// Test helpers for the tally: both stores behind one factory list, so every suite runs the same
// tests against SQLite and PostgreSQL, and a builder of valid results.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach } from 'vitest';
import type { AnonymizedResult } from '../../../shared/tally/result';
import { openPgStore } from '../../../tally/store/pg-store';
import { openSqliteStore } from '../../../tally/store/sqlite-store';
import type { TallyStore } from '../../../tally/store/types';

export interface StoreHandle {
  store: TallyStore;
  dispose(): Promise<void>;
}

export type StoreFactory = () => Promise<StoreHandle>;

/** SQLite in a fresh temporary directory. */
export const sqliteFactory: StoreFactory = () => {
  const dir = mkdtempSync(join(tmpdir(), 'tally-test-'));
  const store = openSqliteStore({ file: join(dir, 'tally.sqlite') });
  return Promise.resolve({
    store,
    async dispose() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
};

/** PostgreSQL from TEST_DATABASE_URL, in a schema of its own that is dropped afterwards. */
export const pgFactory: StoreFactory = async () => {
  const url = process.env.TEST_DATABASE_URL;
  if (!url)
    throw new Error(
      'TEST_DATABASE_URL is not set: run `source scripts/pg-test.sh && pg_start` first (scripts/test.sh does).',
    );
  const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const store = await openPgStore({ connectionString: url, schema, maxConnections: 8 });
  return {
    store,
    async dispose() {
      await store.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
};

/**
 * Both stores. PostgreSQL is left out only on Windows without TEST_DATABASE_URL (the Windows
 * workflow has no PostgreSQL); elsewhere a missing database fails the PostgreSQL tests loudly.
 */
export const STORES: [string, StoreFactory][] = [
  ['sqlite', sqliteFactory],
  ...(process.platform === 'win32' && !process.env.TEST_DATABASE_URL
    ? []
    : [['postgres', pgFactory] as [string, StoreFactory]]),
];

/** A valid result for `unitCode`, with fresh ids unless given. */
export function makeResult(over: Partial<AnonymizedResult> = {}): AnonymizedResult {
  return {
    schema: 1,
    submissionId: randomUUID(),
    installId: randomUUID(),
    campaignId: 'cd-2026',
    unitCode: 'SO-TTTT',
    day: '2026-11-20',
    appVersion: '0.1.0',
    os: { family: 'windows', major: '10' },
    counts: { connectionsChecked: 42, findings: { ip: 0, cidr: 0, domain: 0 }, crackedSoftwareSigns: 0 },
    cleanRescan: null,
    matchedIndicatorIds: [],
    ...over,
  };
}

/** A result with `n` findings on the given indicator ids. */
export function withFindings(
  r: AnonymizedResult,
  ids: string[],
  cleanRescan: boolean | null = null,
): AnonymizedResult {
  return {
    ...r,
    counts: { ...r.counts, findings: { ip: ids.length, cidr: 0, domain: 0 } },
    matchedIndicatorIds: ids,
    cleanRescan,
  };
}

export const UNITS = [
  { code: 'SO-TTTT', name: 'Sở Thông tin và Truyền thông' },
  { code: 'UB-HUYEN-A', name: 'UBND huyện Krông Pắc' },
  { code: 'BV-TINH', name: 'Bệnh viện Đa khoa tỉnh' },
];

/** exceljs types its input as an ArrayBuffer: hand it exactly the bytes of a Node buffer. */
export function toArrayBuffer(b: Uint8Array): ArrayBuffer {
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

/**
 * For a test file: returns a maker of `tally.sqlite` paths, each in a fresh temporary directory;
 * the directories are removed after each test.
 */
export function tempSqliteFiles(prefix: string): () => string {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
  return () => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(dir);
    return join(dir, 'tally.sqlite');
  };
}
