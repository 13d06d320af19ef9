// The firewall log's byte fast path at an edge Stryker found untested (issue 19, module
// log-windows-firewall, incremental run of 2026-12-02 17:28 after quadField took over v4Int): an
// address of three parts followed by a short number. The equivalent survivors are in
// test/mutation-equivalents.md.
import { describe, expect, it } from 'vitest';
import { LogRecord, Outcome } from './record';
import type { QuickProbe, TimeContext } from './record';
import { WindowsFirewallParser } from './windows-firewall';

const UTC: TimeContext = { offsetMinutes: 0, referenceMs: 0 };
const never: QuickProbe = { mayMatchV4: () => false, timeFiltered: false };

describe('Windows Firewall log fast path', () => {
  it('is not sure of an address of three parts, even when the next field is a short number (a cut line, a DNS reply from port 53)', () => {
    const p = new WindowsFirewallParser(UTC);
    const line = '2026-11-23 08:15:02 ALLOW UDP 10.1.2.3 203.0.113 53 51514 0 - - - - - - - RECEIVE 4';
    const b = new TextEncoder().encode(line);
    expect(p.quickMiss(b, 0, b.length, never)).toBe(false);
    // parse() reads it, with the three parts as the destination text: the hunt decides, not the fast path.
    const rec = new LogRecord();
    expect(p.parse(line, rec)).toBe(Outcome.Record);
    expect([rec.src, rec.dst]).toEqual(['10.1.2.3', '203.0.113']);
    const whole = new TextEncoder().encode(line.replace('203.0.113 ', '203.0.113.9 '));
    expect(p.quickMiss(whole, 0, whole.length, never)).toBe(true);
  });
});
