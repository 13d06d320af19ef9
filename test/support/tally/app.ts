// The tally server as its tests build it: one place for the options no test is about (a rate limit
// no test reaches, the tests' clock) and for the store every API test starts from (seedTestStore,
// and a data directory of its own).
import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { buildTallyApp, type TallyAppOptions } from '../../../tally/server/app';
import type { TallyStore } from '../../../tally/store/types';
import { seedTestStore, TEST_NOW, type StoreFactory } from './helpers';

/** What a test gives buildTallyApp beyond the defaults: the store and the admin token at least. */
type TestAppOptions = Pick<TallyAppOptions, 'store' | 'adminToken'> & Partial<TallyAppOptions>;

/**
 * buildTallyApp with the tests' defaults: the data directory is the system's temporary one, no
 * bundled feed, a per-address rate limit no test reaches, the server clock at TEST_NOW.
 */
export function testTallyApp(o: TestAppOptions): Promise<FastifyInstance> {
  return buildTallyApp({
    dataDir: tmpdir(),
    bundledFeed: '/nonexistent',
    rateLimit: { max: 100_000, timeWindowMs: 60_000 },
    now: () => TEST_NOW,
    ...o,
  });
}

/** A tally app on an enrolled store, and the means to close both. */
export interface TallyFixture {
  store: TallyStore;
  app: FastifyInstance;
  /** The app's data directory; the bundled feed is read from `bundled/sample-feed.json` in it. */
  dataDir: string;
  /** Each of UNITS' enrolment token, by unit code. */
  tokens: Record<string, string>;
  /** Closes the app and the store, and removes the data directory. */
  close(): Promise<void>;
}

/**
 * Opens a store from `factory`, registers and enrols UNITS, records the test campaign and builds
 * a tally app on it (not listening) with its own data directory.
 */
export async function openTallyFixture(
  factory: StoreFactory,
  o: Omit<TestAppOptions, 'store'>,
): Promise<TallyFixture> {
  const h = await factory();
  const dataDir = mkdtempSync(join(tmpdir(), 'tally-data-'));
  const tokens = await seedTestStore(h.store);
  const app = await testTallyApp({
    store: h.store,
    dataDir,
    bundledFeed: join(dataDir, 'bundled', 'sample-feed.json'),
    ...o,
  });
  return {
    store: h.store,
    app,
    dataDir,
    tokens,
    async close() {
      await app.close();
      await h.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * For a describe block: a TallyFixture opened before its tests and closed after them. The object
 * returned is filled in when the block starts, so read its fields inside tests and hooks only.
 */
export function tallyFixtureForSuite(factory: StoreFactory, o: Omit<TestAppOptions, 'store'>): TallyFixture {
  const t = {} as TallyFixture;
  let opened: TallyFixture | undefined;
  beforeAll(async () => {
    opened = await openTallyFixture(factory, o);
    Object.assign(t, opened);
  });
  afterAll(() => opened?.close());
  return t;
}
