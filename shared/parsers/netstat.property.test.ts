// Properties over generated `netstat -ano` rows: whatever the state word (localised, mojibake,
// two words), the addresses, ports and PID come out as they went in.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNetstat } from './netstat';

const octet = fc.integer({ min: 0, max: 255 });
const ipv4 = fc.tuple(octet, octet, octet, octet).map((p) => p.join('.'));
const port = fc.integer({ min: 0, max: 65535 });
// A state word: printable, no blanks inside a token, never all digits (mojibake included).
const stateToken = fc
  .string({
    unit: fc.constantFrom(...'ABCDEFHILNORSTW_ÖÉ™Ã–¢?\u0099'.split('')),
    minLength: 1,
    maxLength: 12,
  })
  .filter((t) => !/^\d+$/.test(t));
const stateWord = fc.array(stateToken, { minLength: 1, maxLength: 2 }).map((t) => t.join(' '));

describe('parseNetstat properties', () => {
  it('keeps addresses, ports and PID of any TCP row, whatever its state word', () => {
    fc.assert(
      fc.property(
        ipv4,
        port,
        ipv4,
        port,
        stateWord,
        fc.option(fc.integer({ min: 0, max: 4_000_000 })),
        (la, lp, ra, rp, state, pid) => {
          const line = `  TCP    ${la}:${lp}    ${ra}:${rp}    ${state}${pid === null ? '' : `    ${pid}`}`;
          const { rows, errors } = parseNetstat(line);
          expect(errors).toEqual([]);
          expect(rows).toHaveLength(1);
          expect(rows[0]).toMatchObject({
            localAddress: la,
            localPort: lp,
            remoteAddress: ra,
            remotePort: rp,
            pid,
          });
          expect(rows[0].state).not.toBe('');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never throws and never makes a row of a line that does not start with a protocol', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 120 }).filter((t) => !/[\r\n]/.test(t)),
        (text) => {
          const line = `Proto ${text}`;
          expect(parseNetstat(line).rows).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
