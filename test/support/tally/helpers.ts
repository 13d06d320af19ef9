// Test helpers for the tally: both stores behind one factory list, so every suite runs the same
// tests against SQLite and PostgreSQL, and a builder of valid results.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, expect } from 'vitest';
import type { AnonymizedResult } from '../../../shared/tally/result';
import { openPgStore } from '../../../tally/store/pg-store';
import { openSqliteStore } from '../../../tally/store/sqlite-store';
import { resultColumns } from '../../../tally/store/stored-result';
import type { CampaignRecord, TallyStore } from '../../../tally/store/types';
import { hashUnitToken, newUnitToken } from '../../../tally/server/unit-auth';
import { CAMPAIGN_RECORD } from '../../support/campaign';

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

/** The campaign of makeResult(), as `tally feed publish` records it. */
export const CAMPAIGN: CampaignRecord = CAMPAIGN_RECORD;
/** Indicator ids of CAMPAIGN's feed that the tests report. */
export const CAMPAIGN_INDICATORS = ['ioc-1', 'ioc-2', 'ioc-9', 'ioc-a', 'ioc-b', 'ip:203.0.113.7'];
/** The server clock of the tests: inside the campaign, after every day makeResult() uses. */
export const TEST_NOW = new Date('2026-11-26T03:00:00.000Z');

/** Records CAMPAIGN (and its indicators) in a store. */
export async function recordTestCampaign(store: TallyStore): Promise<void> {
  await store.recordCampaign(CAMPAIGN, CAMPAIGN_INDICATORS);
}

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

/** The campaign feed of the tests as the agency's tools write it (real schema, test key). */
export function campaignFeedJson(
  over: { id?: string; version?: number; sample?: boolean; startsOn?: string; endsOn?: string } = {},
): string {
  const feed = {
    format: 'sachmadoc-campaign-feed',
    formatVersion: 1,
    campaign: {
      id: over.id ?? CAMPAIGN.id,
      name: { vi: CAMPAIGN.nameVi, en: CAMPAIGN.nameEn },
      authority: {
        vi: 'Cục An toàn thông tin - Bộ Thông tin và Truyền thông',
        en: 'Authority of Information Security - Ministry of Information and Communications',
      },
      letter: CAMPAIGN.letter,
      startsOn: over.startsOn ?? CAMPAIGN.startsOn,
      endsOn: over.endsOn ?? CAMPAIGN.endsOn,
      reportDeadline: CAMPAIGN.reportDeadline,
      infoUrl: 'https://khonggianmang.vn/chiendichmadoc2022',
      cleanupToolUrl: 'https://khonggianmang.vn/chiendichmadoc2022#cong-cu-ho-tro-xu-ly-ma-doc',
      sample: over.sample ?? false,
    },
    version: over.version ?? 3,
    publishedAt: '2026-08-23T01:00:00.000Z',
    indicators: [
      { id: 'ioc-1', type: 'ip', value: '198.51.100.23' },
      { id: 'ioc-2', type: 'domain', value: 'c2.example.net' },
      { type: 'ip', value: '203.0.113.7' },
    ],
    allowList: [],
  };
  return `${JSON.stringify(feed, null, 2)}\n`;
}

/** Enrols units (as `npm run tally -- units token` does) and returns each unit's token. */
export async function enroll(
  store: TallyStore,
  units: readonly { code: string }[],
): Promise<Record<string, string>> {
  const tokens: Record<string, string> = {};
  for (const u of units) {
    const token = newUnitToken();
    expect(await store.setUnitTokenHash(u.code, hashUnitToken(token), true)).toBe('set');
    tokens[u.code] = token;
  }
  return tokens;
}

/**
 * A store as the tally's server tests start from: UNITS registered, the test campaign recorded and
 * every unit enrolled. Returns each unit's token, by unit code.
 */
export async function seedTestStore(store: TallyStore): Promise<Record<string, string>> {
  await store.upsertUnits(UNITS);
  await recordTestCampaign(store);
  return enroll(store, UNITS);
}

/**
 * Writes one results row straight into a PostgreSQL store's table, as another tally instance or an
 * older version of the code wrote it, touching no counter.
 */
export async function insertResultRow(
  c: pg.ClientBase,
  r: AnonymizedResult,
  payloadHash: string,
  receivedAt: string,
): Promise<void> {
  await c.query(
    `INSERT INTO results (submission_id, payload_hash, install_id, campaign_id, unit_code, day, app_version,
       os_family, os_major, connections_checked, findings_ip, findings_cidr, findings_domain, cracked_signs,
       clean_rescan, matched_ids, received_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
    [...resultColumns(r, payloadHash, receivedAt)],
  );
}

/** The Authorization header of the unit a body names (a string body: no header). */
export function unitAuth(tokens: Record<string, string>, body: unknown): Record<string, string> {
  const unit =
    typeof body === 'object' && body !== null ? (body as { unitCode?: unknown }).unitCode : undefined;
  return typeof unit === 'string' && tokens[unit] ? { authorization: `Bearer ${tokens[unit]}` } : {};
}

/** Posts a result to the tally at `url` with the token of the unit it names. */
export function postResultTo(
  url: string,
  tokens: Record<string, string>,
  r: AnonymizedResult,
): Promise<Response> {
  return fetch(`${url}/api/v1/results`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...unitAuth(tokens, r) },
    body: JSON.stringify(r),
  });
}
