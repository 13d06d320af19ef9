// Every error of the tally's command line as one line: what happened, where, what to do, in both
// languages, with exit status 2. Raw errno text ("EACCES: permission denied, open …") and stack
// traces never reach the person; `fail()` is what a verb throws for its own checks.
import { UserError } from '../shared/errors';
import { errorText } from './store/error-text';

/** A failure a verb detected itself. */
export class CliFailure extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** Builds the failure "where: what. todo" (each part already in both languages). */
export function fail(code: number, what: string, where: string, todo: string): CliFailure {
  return new CliFailure(code, `${where}: ${what} ${todo}`);
}

const HELP = 'Xem / see: npm run tally -- --help';

const ERRNO: Record<string, [string, string]> = {
  EACCES: [
    'không có quyền / permission denied',
    'Kiểm tra quyền của thư mục hoặc tệp. / Check the permissions.',
  ],
  EPERM: ['không có quyền / not permitted', 'Kiểm tra quyền của thư mục hoặc tệp. / Check the permissions.'],
  EROFS: [
    'hệ thống tệp chỉ đọc / read-only file system',
    'Chọn thư mục ghi được (TALLY_DATA_DIR, --out). / Pick a writable place (TALLY_DATA_DIR, --out).',
  ],
  ENOENT: ['không tồn tại / does not exist', 'Kiểm tra đường dẫn. / Check the path.'],
  ENOTDIR: [
    'một phần của đường dẫn là tệp, không phải thư mục / part of the path is a file, not a directory',
    'Kiểm tra đường dẫn (TALLY_DATA_DIR phải là thư mục). / Check the path (TALLY_DATA_DIR must be a directory).',
  ],
  EEXIST: [
    'đã có một tệp ở đây / a file is already there',
    'Kiểm tra đường dẫn (TALLY_DATA_DIR phải là thư mục). / Check the path (TALLY_DATA_DIR must be a directory).',
  ],
  EISDIR: ['là thư mục, không phải tệp / is a directory, not a file', 'Đưa tên tệp. / Give a file name.'],
  ENOSPC: [
    'đĩa đã đầy / the disk is full',
    'Giải phóng dung lượng rồi chạy lại. / Free some space and run again.',
  ],
};

const PG_UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ECONNRESET',
]);

/** DATABASE_URL without its password, for messages. */
function pgWhere(databaseUrl: string | undefined): string {
  if (!databaseUrl) return 'PostgreSQL';
  try {
    const u = new URL(databaseUrl);
    return `PostgreSQL ${u.hostname || 'localhost'}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'PostgreSQL (DATABASE_URL)';
  }
}

/** One line for any error of a tally command. */
export function describeCliError(e: unknown, context: { databaseUrl?: string } = {}): string {
  const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ');
  if (e instanceof CliFailure) return e.message;
  // A campaign refusal (campaigns.ts) already says what, where and what to do.
  if (e instanceof Error && e.name === 'CampaignError') return oneLine(e.message);
  if (e instanceof UserError) return oneLine(`${e.message}${e.hint ? ` ${e.hint}` : ''}`);
  const err = e as NodeJS.ErrnoException & { errors?: unknown[] };
  const code = typeof err?.code === 'string' ? err.code : undefined;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const opt = /'([^']+)'/.exec(err.message)?.[1] ?? '?';
    return `tally: không có tùy chọn ${opt} / unknown option ${opt}. ${HELP}`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const opt = /'(--[a-z-]+)/.exec(err.message)?.[1] ?? '?';
    return `tally: ${opt} cần một giá trị / ${opt} needs a value. ${HELP}`;
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    const arg = /'([^']+)'/.exec(err.message)?.[1] ?? '?';
    return `tally: đối số thừa ${arg} / unexpected argument ${arg}. ${HELP}`;
  }
  // PostgreSQL: unreachable (a connect error, or AggregateError of every address tried), refused login.
  const pgCode = code ?? (err?.errors?.[0] as { code?: string } | undefined)?.code;
  if (context.databaseUrl && pgCode && PG_UNREACHABLE.has(pgCode))
    return `${pgWhere(context.databaseUrl)}: không kết nối được (${pgCode}) / cannot connect (${pgCode}). Kiểm tra DATABASE_URL và máy chủ PostgreSQL đang chạy. / Check DATABASE_URL and that PostgreSQL is running.`;
  if (context.databaseUrl && (code === '28P01' || code === '28000' || code === '3D000'))
    return `${pgWhere(context.databaseUrl)}: ${oneLine(err.message)}. Kiểm tra người dùng, mật khẩu và tên cơ sở dữ liệu trong DATABASE_URL. / Check the user, password and database name in DATABASE_URL.`;
  if (code === 'EADDRINUSE' || code === 'EADDRNOTAVAIL') {
    const at = err as { address?: string; port?: number };
    return `${at.address ?? '?'}:${at.port ?? '?'}: cổng đang được dùng hoặc địa chỉ không có trên máy / the port is in use or the address is not on this machine. Chọn --port hoặc --host khác. / Pick another --port or --host.`;
  }
  if (code && ERRNO[code]) {
    const [what, todo] = ERRNO[code];
    return `${err.path ?? err.syscall ?? 'tally'}: ${what}. ${todo}`;
  }
  return oneLine(
    `tally: lỗi không mong đợi / unexpected error: ${errorText(e)}. Hãy báo cho cán bộ CNTT kèm dòng này. / Report this line to your IT staff.`,
  );
}
