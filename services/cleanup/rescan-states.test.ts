// The guided re-scan says "gone" only when every connection to the indicator is in a KNOWN ended
// state. A state word nobody has mapped (a display language with no sourced words) is a live
// connection, whatever it says.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { createCleanupSession } from '.';
import { createReplayRunner } from '../command-runner';
import { connectionsFromCaptures } from '../connections/captures';

const INDICATOR = '203.0.113.9';

/** Connections as the CLI builds them from a saved `netstat -ano` in the console's code page. */
function fromNetstat(lines: string[], codePage: number) {
  const bytes = new Uint8Array(iconv.encode(['', ...lines, ''].join('\r\n'), `cp${codePage}`));
  return connectionsFromCaptures({ netstat: bytes }, { codePage }).connections;
}

async function rescanOf(lines: string[], codePage = 850) {
  const live = fromNetstat(lines, codePage);
  let clock = 0;
  const session = createCleanupSession({
    runner: createReplayRunner({}),
    platform: 'linux',
    backupDir: '/nonexistent',
    self: { pid: 1000, ppid: 999 },
    rescan: () => Promise.resolve(live),
    // The re-scan watches 15 s; a fake clock makes that instant (each sleep advances it).
    rescanWatch: { now: () => clock, sleep: (ms) => ((clock += ms), Promise.resolve()) },
  });
  const p = session.propose({ step: 'rescan', target: { remoteAddress: INDICATOR, remotePort: 443 } });
  if (!p.ok) throw new Error(p.error.message.en);
  return session.confirm(p.value.token);
}

describe('re-scan after cleanup, in any display language', () => {
  it('keeps a connection whose state word is unknown as still there, shown as printed', async () => {
    // A Dutch-looking word no real capture gives us: not mapped, so not "ended".
    const result = await rescanOf([
      '  TCP    10.0.0.5:50123         203.0.113.9:443        TOT_STAND_GEB   4242',
    ]);
    expect(result).toMatchObject({ outcome: 'failed', data: { gone: false } });
    expect(result.data?.remaining).toEqual([expect.objectContaining({ state: 'TOT_STAND_GEB', pid: 4242 })]);
  });

  it('keeps a German live connection (HERGESTELLT) and a closing one (FIN_WARTEN_2) as still there', async () => {
    const result = await rescanOf([
      '  TCP    10.0.0.5:50123         203.0.113.9:443        HERGESTELLT     4242',
      '  TCP    10.0.0.5:50124         203.0.113.9:443        FIN_WARTEN_2    4242',
    ]);
    expect(result).toMatchObject({ outcome: 'failed', data: { gone: false } });
    expect(result.data?.remaining).toHaveLength(2);
  });

  it('calls it gone when only ended sockets are left: WARTEND (TIME_WAIT) read from CP850 bytes', async () => {
    const result = await rescanOf([
      '  TCP    10.0.0.5:50123         203.0.113.9:443        WARTEND         0',
      '  TCP    10.0.0.5:50125         203.0.113.9:443        TIME_WAIT       0',
      '  TCP    0.0.0.0:135            0.0.0.0:0              ABHÖREN         1060',
    ]);
    expect(result).toMatchObject({ outcome: 'ok', data: { gone: true } });
  });
});
