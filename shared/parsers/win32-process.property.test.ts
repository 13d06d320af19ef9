// Properties over generated Win32_Process captures: whatever the separator, the quoting of nulls,
// the #TYPE line or the form (CSV or JSON), every process comes out as it went in; junk never throws.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseWin32Process } from './win32-process';

const pathChar = fc.constantFrom(...'abcXYZ019 _-.()\\:ăâđêôơưẠẢẤẦẨẪẬ"'.split(''));
const text = fc.option(fc.string({ unit: pathChar, minLength: 1, maxLength: 40 }), { nil: null });
const proc = fc.record({
  pid: fc.integer({ min: 0, max: 4_000_000 }),
  parentPid: fc.integer({ min: 0, max: 4_000_000 }),
  name: text,
  executablePath: text,
  commandLine: text,
});

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

describe('parseWin32Process properties', () => {
  it('reads back any process table written as Export-Csv (any separator, either null style) or ConvertTo-Json', () => {
    fc.assert(
      fc.property(
        fc.array(proc, { minLength: 1, maxLength: 8 }),
        fc.constantFrom(',', ';', '\t'),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        (procs, sep, typeLine, quotedNull, json) => {
          const cell = (v: string | null) => (v === null ? (quotedNull ? '""' : '') : quote(v));
          const input = json
            ? JSON.stringify(
                procs.map((p) => ({
                  ProcessId: p.pid,
                  ParentProcessId: p.parentPid,
                  Name: p.name,
                  ExecutablePath: p.executablePath,
                  CommandLine: p.commandLine,
                })),
                null,
                4,
              )
            : [
                ...(typeLine ? ['#TYPE Selected.Microsoft.Management.Infrastructure.CimInstance'] : []),
                ['ProcessId', 'ParentProcessId', 'Name', 'ExecutablePath', 'CommandLine']
                  .map(quote)
                  .join(sep),
                ...procs.map((p) =>
                  [
                    quote(String(p.pid)),
                    quote(String(p.parentPid)),
                    cell(p.name),
                    cell(p.executablePath),
                    cell(p.commandLine),
                  ].join(sep),
                ),
              ].join('\r\n');
          const { rows, errors } = parseWin32Process(input, 'p');
          expect(errors).toEqual([]);
          // An empty string and a null are the same to Windows here: no path.
          const norm = (v: string | null) => (v === '' ? null : v);
          expect(rows.map(({ line: _line, ...r }) => r)).toEqual(
            procs.map((p) => ({
              ...p,
              name: norm(p.name),
              executablePath: norm(p.executablePath),
              commandLine: norm(p.commandLine),
            })),
          );
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('never throws on arbitrary or mutated input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        for (const input of [s, `"ProcessId","Name"\r\n${s}`, `[{"ProcessId":${s}}]`]) {
          const r = parseWin32Process(input, 'junk');
          expect(Array.isArray(r.rows)).toBe(true);
        }
      }),
      { numRuns: 10_000 },
    );
  });
});
