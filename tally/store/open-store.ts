// Picks the store from the settings: PostgreSQL when DATABASE_URL is set, else SQLite in the data dir.
import { join } from 'node:path';
import type { TallyStore } from './types';

export interface StoreSettings {
  dataDir: string;
  databaseUrl?: string;
  sqliteSynchronous?: 'FULL' | 'NORMAL';
}

/** Opens the configured store, creating and migrating the database on first start. */
export async function openStore(s: StoreSettings): Promise<TallyStore> {
  // Each store's driver loads only when that store is used (the CLI's start-up, issue 18).
  if (s.databaseUrl) return (await import('./pg-store')).openPgStore({ connectionString: s.databaseUrl });
  return (await import('./sqlite-store')).openSqliteStore({
    file: join(s.dataDir, 'tally.sqlite'),
    ...(s.sqliteSynchronous ? { synchronous: s.sqliteSynchronous } : {}),
  });
}
