// Start-up checks of the SQLite data before anything is written. The results file is the record;
// the counts file is derived from it. So: counts that say results existed while the results file is
// missing, empty or unreadable stop the start (never wiped: they are the evidence of what was lost,
// and a restored backup of the results brings everything back); a corrupt counts file is set aside
// and rebuilt from the results.
import Database from 'better-sqlite3';
import { attachCounts } from './sqlite-counts';
import { existsSync, renameSync, statSync } from 'node:fs';
import { UserError } from '../../shared/errors';
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

/** The refusal when counts exist without their results. */
function resultsLost(file: string, countsFile: string, covered: number, state: string): UserError {
  return new UserError(
    `${file}: tệp kết quả ${state.split(' / ')[0]} trong khi ${countsFile} cho biết đã có ${covered} kết quả; máy chủ không chạy để không mất số liệu. / ` +
      `${file}: the results file ${state.split(' / ')[1]} while ${countsFile} says ${covered} results were stored; the server does not start so that no count is lost.`,
    `Khôi phục ${file} từ bản sao lưu (hoặc sửa TALLY_DATA_DIR); nếu thật sự bắt đầu lại từ đầu, chuyển ${countsFile} đi chỗ khác. / ` +
      `Restore ${file} from a backup (or fix TALLY_DATA_DIR); to really start from nothing, move ${countsFile} away.`,
  );
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
      size === undefined ? 'không còn / is missing' : 'rỗng / is empty',
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
  if (lastSeq === 0 && covered > 0)
    throw resultsLost(file, countsFile, covered, 'không còn kết quả nào / holds no results');
}

/** The results file cannot be read as SQLite (damaged, not a database, no permission). */
export function unreadable(file: string, e: unknown): UserError {
  return new UserError(
    `${file}: không đọc được tệp kết quả (${errorText(e)}). / ${file}: cannot read the results file (${errorText(e)}).`,
    'Kiểm tra quyền truy cập và TALLY_DATA_DIR, hoặc khôi phục tệp từ bản sao lưu; máy chủ không ghi đè lên nó. / Check the permissions and TALLY_DATA_DIR, or restore the file from a backup; the server does not overwrite it.',
  );
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
