// A scoped logger. Sinks are injected so shared/ stays platform-free; main, CLI and tally
// install a sink that writes to stderr or a file. Nothing in the app calls console directly.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export interface LogRecord {
  level: LogLevel;
  scope: string;
  message: string;
  data?: Record<string, unknown>;
  time: string;
}
export type LogSink = (record: LogRecord) => void;

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
let sink: LogSink = () => {};
let threshold: LogLevel = 'info';

/** Installs where log records go (stderr in the CLI, a file in the app, pino-like JSON in tally). */
export function setLogSink(next: LogSink, level: LogLevel = 'info'): void {
  sink = next;
  threshold = level;
}

export interface Logger {
  debug(message: string, data?: Record<string, unknown>): void;
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

/** Returns a logger whose records carry `scope` (e.g. "scan", "feed", "tally"). */
export function createLogger(scope: string): Logger {
  const emit = (level: LogLevel) => (message: string, data?: Record<string, unknown>) => {
    if (order[level] < order[threshold]) return;
    sink({ level, scope, message, time: new Date().toISOString(), ...(data ? { data } : {}) });
  };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}
