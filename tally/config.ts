// The tally's settings, from the environment (issue 5): TALLY_DATA_DIR, TALLY_ADMIN_TOKEN,
// DATABASE_URL, and the rate limit, which tests and the benchmark raise.
import { resolve } from 'node:path';
import { userError } from '../shared/errors';

export interface TallySettings {
  dataDir: string;
  adminToken: string | undefined;
  databaseUrl: string | undefined;
  /** Submissions per client address per window. */
  rateLimitMax: number;
  rateLimitWindowMs: number;
  /** Submissions per enrolled unit per window, whatever the addresses (default: the per-address limit). */
  unitRateLimitMax: number;
  /** SQLite commit mode: FULL (default) survives power loss; NORMAL survives a crash of the process only. */
  sqliteSynchronous: 'FULL' | 'NORMAL';
  /** Reverse proxies whose X-Forwarded-For is believed (addresses or CIDRs); empty: none. */
  trustProxy: string[];
  /** Opt-in access log (TALLY_ACCESS_LOG): a file to append to, or `-` for stdout; unset: none. */
  accessLog: string | undefined;
}

function sync(raw: string | undefined): 'FULL' | 'NORMAL' {
  if (raw === undefined || raw === '' || raw.toUpperCase() === 'FULL') return 'FULL';
  if (raw.toUpperCase() === 'NORMAL') return 'NORMAL';
  throw userError('tally.settings.syncMode', { params: { value: raw }, hint: 'tally.settings.fixEnv' });
}

/** Reads the settings from an environment (process.env by default). */
export function readSettings(env: NodeJS.ProcessEnv = process.env): TallySettings {
  const int = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n <= 0)
      throw userError('tally.settings.notPositive', {
        params: { name, value: raw },
        hint: 'tally.settings.fixEnv',
      });
    return n;
  };
  return {
    dataDir: resolve(env.TALLY_DATA_DIR || './data'),
    adminToken: env.TALLY_ADMIN_TOKEN || undefined,
    databaseUrl: env.DATABASE_URL || undefined,
    // An office behind one NAT address sends for many machines: 600 a minute is ten a second.
    rateLimitMax: int('TALLY_RATE_LIMIT_MAX', 600),
    rateLimitWindowMs: int('TALLY_RATE_LIMIT_WINDOW_MS', 60_000),
    unitRateLimitMax: int('TALLY_UNIT_RATE_LIMIT_MAX', int('TALLY_RATE_LIMIT_MAX', 600)),
    sqliteSynchronous: sync(env.TALLY_SQLITE_SYNC),
    // Behind a proxy every client would share the proxy's address and one rate-limit bucket.
    trustProxy: (env.TALLY_TRUST_PROXY ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    accessLog: env.TALLY_ACCESS_LOG || undefined,
  };
}
