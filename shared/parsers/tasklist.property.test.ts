// Model-based (issue 19): processes generated, printed as `tasklist /fo csv /nh` and
// `tasklist /svc /fo csv /nh` print them (names with blanks, commas and quotes, localised memory
// separators, "N/A" for no service, CRLF), and parsed back to exactly those processes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTasklistCsv, parseTasklistSvc } from './tasklist';

const name = fc
  .string({ unit: fc.constantFrom(...'abcKMS xyz-_.,"()0123ạộ'.split('')), minLength: 1, maxLength: 20 })
  .filter((s) => s.trim() === s && s.trim() !== '')
  .map((s) => `${s}.exe`);
const service = fc
  .string({ unit: fc.constantFrom(...'abcDnsLanmanKMSELDI '.split('')), minLength: 1, maxLength: 16 })
  .filter((s) => s.trim() === s && s !== '' && !/^n\/?a$/i.test(s));
const csv = (cells: string[]) => cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(',');
// "10,924 K" (en), "10.924 K" (de), "10 924 Ko" (fr).
const memory = (kb: number, style: number) => {
  const grouped = String(kb).replace(/\B(?=(\d{3})+(?!\d))/g, [',', '.', '\u00a0'][style]);
  return `${grouped} ${style === 2 ? 'Ko' : 'K'}`;
};

describe('tasklist properties', () => {
  it('parses generated /fo csv /nh output back to the generated processes', () => {
    const proc = fc.record({
      name,
      pid: fc.integer({ min: 5, max: 4_000_000 }),
      session: fc.constantFrom('Services', 'Console', 'RDP-Tcp#3'),
      kb: fc.integer({ min: 0, max: 9_999_999 }),
      style: fc.integer({ min: 0, max: 2 }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(proc, { minLength: 1, maxLength: 30, selector: (p) => p.pid }),
        fc.constantFrom('\n', '\r\n'),
        (procs, nl) => {
          const text =
            [
              csv(['System Idle Process', '0', 'Services', '0', '8 K']),
              csv(['System', '4', 'Services', '0', '148 K']),
              ...procs.map((p) => csv([p.name, String(p.pid), p.session, '1', memory(p.kb, p.style)])),
            ].join(nl) + nl;
          const { rows, errors } = parseTasklistCsv(text);
          expect(errors).toEqual([]);
          expect(rows.slice(2)).toEqual(
            procs.map((p) => ({ imageName: p.name, pid: p.pid, sessionName: p.session, memory: p.kb })),
          );
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it('parses generated /svc /fo csv /nh output back to each process’s services; N/A is none', () => {
    const proc = fc.record({
      name,
      pid: fc.integer({ min: 5, max: 4_000_000 }),
      services: fc.uniqueArray(service, { maxLength: 5 }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(proc, { minLength: 1, maxLength: 30, selector: (p) => p.pid }),
        fc.constantFrom('N/A', 'Nicht zutreffend', 'K/A'),
        (procs, na) => {
          const text = [
            csv(['System Idle Process', '0', na]),
            csv(['System', '4', na]),
            ...procs.map((p) =>
              csv([p.name, String(p.pid), p.services.length === 0 ? na : p.services.join(',')]),
            ),
          ].join('\r\n');
          const { services, errors } = parseTasklistSvc(text);
          expect(errors).toEqual([]);
          expect(services.get(0)).toEqual([]);
          for (const p of procs) expect(services.get(p.pid), p.name).toEqual(p.services);
          expect(services.size).toBe(procs.length + 2);
        },
      ),
      { numRuns: 1_000 },
    );
  });
});
