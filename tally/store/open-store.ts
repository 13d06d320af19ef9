// Picks the store from the settings: PostgreSQL when DATABASE_URL is set, else SQLite in the data dir.
import { join } from 'node:path';
import { openPgStore } from './pg-store';
import { openSqliteStore } from './sqlite-store';
import type { TallyStore } from './types';

export interface StoreSettings {
  dataDir: string;
  databaseUrl?: string;
  sqliteSynchronous?: 'FULL' | 'NORMAL';
}

/** Opens the configured store, creating and migrating the database on first start. */
export async function openStore(s: StoreSettings): Promise<TallyStore> {
  if (s.databaseUrl) return openPgStore({ connectionString: s.databaseUrl });
  return openSqliteStore({
    file: join(s.dataDir, 'tally.sqlite'),
    ...(s.sqliteSynchronous ? { synchronous: s.sqliteSynchronous } : {}),
  });
}
