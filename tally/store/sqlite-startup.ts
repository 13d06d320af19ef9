// Start-up checks of the SQLite data before anything is written. The results file is the record;
// the counts file is derived from it. So: counts that say results existed while the results file is
// missing, empty or unreadable stop the start (never wiped: they are the evidence of what was lost,
// and a restored backup of the results brings everything back); a corrupt counts file is set aside
// and rebuilt from the results.
import Database from 'better-sqlite3';
import { attachCounts } from './sqlite-counts';
import { existsSync, renameSync, statSync } from 'node:fs';
import { userError, type UserError } from '../../shared/errors';
import { createLogger } from '../../shared/logger';
import { errorText } from './error-text';

const log = createLogger('tally-store');

/** How many results the counts file says it covered (0: none, no file, or unreadable). */
function countsCovered(countsFile: string): number {
  if (!existsSync(countsFile)) return 0;
  try {
    const db = new Database(countsFile, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT folded_seq FROM fold_state').pluck().get() as number | undefined) ?? 0;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}

/**
 * The refusal when counts exist without their results; `state` is the catalogue key that says
 * what became of the results file (missing, empty, holding none).
 */
function resultsLost(file: string, countsFile: string, covered: number, state: string): UserError {
  return userError(state, {
    params: { file, counts: countsFile, results: covered },
    hint: 'tally.store.resultsLostHint',
    hintParams: { file, counts: countsFile },
  });
}

/** Before opening: refuses when the results file is missing or empty while the counts covered results. */
export function checkResultsBeforeOpen(file: string, countsFile: string): void {
  let size: number | undefined;
  try {
    size = statSync(file).size;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw unreadable(file, e);
  }
  if (size !== undefined && size > 0) return;
  const covered = countsCovered(countsFile);
  if (covered > 0)
    throw resultsLost(
      file,
      countsFile,
      covered,
      size === undefined ? 'tally.store.resultsMissing' : 'tally.store.resultsEmpty',
    );
}

/**
 * Attaches the counts to the opened results database `db`: a damaged counts file is set aside and
 * rebuilt; an empty results table while the counts covered results stops the start (db closed).
 */
export function openCountsOf(db: Database.Database, file: string, countsFile: string, memory: boolean): void {
  try {
    attachCounts(db, countsFile);
  } catch (e) {
    if (!isCorruptDatabase(e)) {
      db.close();
      throw e;
    }
    try {
      db.exec('DETACH DATABASE counts');
    } catch {
      // ATTACH itself failed: nothing to detach.
    }
    setAsideCounts(countsFile);
    attachCounts(db, countsFile);
  }
  try {
    const covered = db.prepare<[], number>('SELECT folded_seq FROM counts.fold_state').pluck().get() ?? 0;
    const last = db.prepare<[], number | null>('SELECT max(seq) FROM main.results').pluck().get() ?? 0;
    if (!memory) checkResultsNotLost(file, countsFile, last, covered);
  } catch (e) {
    db.close();
    throw e;
  }
}

/** After opening: refuses when the results table is empty while the counts covered results. */
function checkResultsNotLost(file: string, countsFile: string, lastSeq: number, covered: number): void {
  if (lastSeq === 0 && covered > 0) throw resultsLost(file, countsFile, covered, 'tally.store.resultsNone');
}

/** The results file cannot be read as SQLite (damaged, not a database, no permission). */
export function unreadable(file: string, e: unknown): UserError {
  return userError('tally.store.unreadable', {
    params: { file, reason: errorText(e) },
    hint: 'tally.store.unreadableHint',
  });
}

/** Whether an error from attaching the counts means the file is damaged (then it is rebuilt). */
export function isCorruptDatabase(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  return code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT';
}

/** Moves a damaged counts file (and its WAL) aside so that a fresh one is built from the results. */
export function setAsideCounts(countsFile: string, now = new Date()): string {
  const aside = `${countsFile}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(countsFile + suffix)) renameSync(countsFile + suffix, aside + suffix);
  }
  log.warn('the counts file was damaged; it was set aside and the counts are rebuilt from the results', {
    countsFile,
    setAside: aside,
  });
  return aside;
}
