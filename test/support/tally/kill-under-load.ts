// The load half of the tally's crash tests (SQLite and PostgreSQL): many senders post results to a
// real server process, which is killed with SIGKILL in the middle. Each test then checks its own
// store for what survived.
import { randomUUID } from 'node:crypto';
import type { AnonymizedResult } from '../../../shared/tally/result';
import { makeResult, postResultTo, UNITS, withFindings } from './helpers';
import type { ServerProcess } from './server-process';

/** What the senders sent before the kill, and which of it the server acknowledged (2xx). */
export interface LoadUntilKill {
  sent: AnonymizedResult[];
  /** Submission ids answered 200 or 201. */
  acked: Set<string>;
  /** The install ids the results were spread over. */
  machines: string[];
}

/**
 * Runs `senders` concurrent senders against `server`, each posting up to 2000 results spread over
 * 40 machines and UNITS (every third one with a finding), and kills the process with SIGKILL once
 * `killAfter` results were acknowledged. Resolves when the process has exited and every sender
 * has stopped.
 */
export async function killUnderLoad(
  server: ServerProcess,
  tokens: Record<string, string>,
  senders: number,
  killAfter = 300,
): Promise<LoadUntilKill> {
  const sent: AnonymizedResult[] = [];
  const acked = new Set<string>();
  const machines = Array.from({ length: 40 }, () => randomUUID());
  let killed = false;
  let killNow: () => void = () => undefined;
  const enoughAcked = new Promise<void>((r) => (killNow = r));
  const sender = async (k: number) => {
    for (let i = 0; i < 2000 && !killed; i += 1) {
      const base = makeResult({
        unitCode: UNITS[(k + i) % UNITS.length].code,
        installId: machines[(k * 7 + i) % machines.length],
      });
      const r = i % 3 === 0 ? withFindings(base, ['ioc-1'], i % 2 === 0) : base;
      sent.push(r);
      try {
        const res = await postResultTo(server.url, tokens, r);
        await res.arrayBuffer();
        if (res.status === 201 || res.status === 200) acked.add(r.submissionId);
        if (acked.size >= killAfter) killNow();
      } catch {
        return; // connection reset by the kill
      }
    }
  };
  const all = Promise.all(Array.from({ length: senders }, (_, k) => sender(k)));
  await enoughAcked;
  killed = true;
  server.child.kill('SIGKILL');
  await server.exited;
  await all;
  return { sent, acked, machines };
}
