// The durable cleanup log: every proposal, refusal and result of the guided cleanup, appended as
// one JSON line to a file on disk and flushed (fsync) before the step goes on, so closing or
// crashing the app loses nothing. The evidence report reads it back (this run and earlier ones).
import { closeSync, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { actionLogEntrySchema } from '../../shared/licensing/cleanup-schema';
import type { ActionLogEntry } from './types';
import { bilingual } from '../../shared/i18n';

/** A log line: the action, the cleanup item it belongs to, and who confirmed it. */
export type DurableLogEntry = ActionLogEntry & { item: string; by: string };

const lineSchema = actionLogEntrySchema.extend({ item: z.string(), by: z.string() });

export interface DurableCleanupLog {
  readonly file: string;
  /** Appends one entry and flushes it to disk before returning. */
  append(entry: ActionLogEntry & { item: string }): void;
  /** Every entry on disk, in order; a damaged line is skipped and named (file:line). */
  read(): Promise<{ entries: DurableLogEntry[]; problems: string[] }>;
}

/** Opens (creating on first append) the durable log; `operator` is the OS account that confirms. */
export function createDurableCleanupLog(file: string, operator: string): DurableCleanupLog {
  return {
    file,
    append(entry) {
      const line = `${JSON.stringify({ ...entry, by: operator })}\n`;
      mkdirSync(dirname(file), { recursive: true });
      const fd = openSync(file, 'a', 0o600);
      try {
        writeSync(fd, line);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    },
    async read() {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], problems: [] };
        throw e;
      }
      const entries: DurableLogEntry[] = [];
      const problems: string[] = [];
      text.split('\n').forEach((line, i) => {
        if (line.trim() === '') return;
        try {
          entries.push(lineSchema.parse(JSON.parse(line)));
        } catch {
          // A line cut by a power loss in the middle of a write: name it, keep the rest.
          problems.push(`${file}:${i + 1}: ${bilingual('msg.app.damagedLine')}`);
        }
      });
      return { entries, problems };
    },
  };
}
