// The on-disk outbox: one JSON file per submission, named so that listing order is enqueue order.
// A file leaves the queue only when the server acknowledged it (deleted) or refused it for good
// (moved to rejected/ with the reason, where a person can resend or delete it), so nothing is lost
// silently.
import { mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { anonymizedResultSchema, type AnonymizedResult } from '../../shared/tally/result';
import { PRIVATE, syncDir, writeFileAtomic } from '../../node-shared/atomic-write';
import type { Message } from '../../shared/i18n';
import { messageSchema } from '../../shared/i18n/schema';

export interface QueueItem {
  file: string;
  submissionId: string;
  result: AnonymizedResult | undefined;
  /** Why the file could not be read back, when `result` is undefined. */
  problem?: string;
}

export interface RejectedRecord {
  /** From the file name, so even a corrupt item can be resent or deleted by id. */
  submissionId: string;
  result: unknown;
  status: number | null;
  /** The raw reason (both languages), as the tally or the app wrote it: for IT and older apps. */
  reason: string;
  /**
   * The reason as a catalogue message, worded in the person's language where shown. Absent in
   * records written before it existed or refused by a tally that sent only text.
   */
  text?: Message;
  rejectedAt: string;
}

const ITEM = /^(\d{15})-([0-9a-f-]{36})\.json$/;

/** Opens the queue under `dir` (queue/ and rejected/ are created on first use). */
export function openQueue(dir: string, clock: () => Date) {
  const queueDir = join(dir, 'queue');
  const rejectedDir = join(dir, 'rejected');
  const ready = Promise.all([mkdir(queueDir, { recursive: true }), mkdir(rejectedDir, { recursive: true })]);

  const names = async () => {
    await ready;
    return (await readdir(queueDir)).filter((n) => ITEM.test(n)).sort();
  };

  const rejectedName = async (submissionId: string) => {
    await ready;
    return (await readdir(rejectedDir)).find((n) => ITEM.test(n) && n.endsWith(`-${submissionId}.json`));
  };

  return {
    /** Adds a result unless one with the same submission id is already queued. */
    async add(result: AnonymizedResult): Promise<void> {
      const existing = (await names()).find((n) => n.endsWith(`-${result.submissionId}.json`));
      if (existing) return;
      const name = `${String(clock().getTime()).padStart(15, '0')}-${result.submissionId}.json`;
      await writeFileAtomic(join(queueDir, name), JSON.stringify(result), PRIVATE);
    },
    /** The queued items, oldest first. */
    async list(): Promise<QueueItem[]> {
      const out: QueueItem[] = [];
      for (const name of await names()) {
        const submissionId = ITEM.exec(name)![2];
        try {
          const parsed = anonymizedResultSchema.safeParse(
            JSON.parse(await readFile(join(queueDir, name), 'utf8')),
          );
          out.push(
            parsed.success
              ? { file: name, submissionId, result: parsed.data }
              : { file: name, submissionId, result: undefined, problem: parsed.error.message },
          );
        } catch (e) {
          out.push({ file: name, submissionId, result: undefined, problem: (e as Error).message });
        }
      }
      return out;
    },
    /** Removes a delivered item. */
    async remove(item: QueueItem): Promise<void> {
      await unlink(join(queueDir, item.file)).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'ENOENT') throw e;
      });
      await syncDir(queueDir);
    },
    /** Moves an item the server refused for good to rejected/, with the reason beside it. */
    async reject(item: QueueItem, status: number | null, reason: string, text?: Message): Promise<void> {
      const raw = await readFile(join(queueDir, item.file), 'utf8').catch(() => '');
      let result: unknown = raw;
      try {
        result = JSON.parse(raw);
      } catch {
        // Keep the raw text: a person may still want to see what was there.
      }
      const record: Omit<RejectedRecord, 'submissionId'> = {
        result,
        status,
        reason,
        ...(text ? { text } : {}),
        rejectedAt: clock().toISOString(),
      };
      await writeFileAtomic(join(rejectedDir, item.file), JSON.stringify(record, null, 2), PRIVATE);
      await unlink(join(queueDir, item.file)).catch(() => undefined);
      await syncDir(queueDir);
    },
    /** Rejected records, oldest first. */
    async rejected(): Promise<RejectedRecord[]> {
      await ready;
      const files = (await readdir(rejectedDir)).filter((n) => ITEM.test(n)).sort();
      return Promise.all(
        files.map(async (f) => {
          const { text, ...rest } = JSON.parse(await readFile(join(rejectedDir, f), 'utf8')) as Omit<
            RejectedRecord,
            'submissionId' | 'text'
          > & { text?: unknown };
          // Older records have only `reason`; a `text` that is not a message is dropped, not shown raw.
          const message = messageSchema.safeParse(text);
          return {
            ...rest,
            ...(text !== undefined && message.success ? { text: message.data } : {}),
            submissionId: ITEM.exec(f)![2],
          };
        }),
      );
    },
    /** Moves a refused item back into the queue, in its old place in the order; false if unknown. */
    async unreject(submissionId: string): Promise<boolean> {
      const name = await rejectedName(submissionId);
      if (!name) return false;
      const record = JSON.parse(await readFile(join(rejectedDir, name), 'utf8')) as { result: unknown };
      const text = typeof record.result === 'string' ? record.result : JSON.stringify(record.result);
      await writeFileAtomic(join(queueDir, name), text, PRIVATE);
      await unlink(join(rejectedDir, name));
      await syncDir(rejectedDir);
      return true;
    },
    /** Deletes a refused item for good; false if unknown. */
    async deleteRejected(submissionId: string): Promise<boolean> {
      const name = await rejectedName(submissionId);
      if (!name) return false;
      await unlink(join(rejectedDir, name));
      await syncDir(rejectedDir);
      return true;
    },
  };
}
