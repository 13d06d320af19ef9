// The services parser (shared/parsers/services.ts) on capture shapes that mutation testing
// (issue 19, second pass) showed no test pinned down: the wrong command (plain `tasklist`, whose
// ruler has five runs, not the three of `tasklist /svc`), a console copy that pads every line with
// blanks to the window width, and an `sc query` paste whose indentation was lost (a chat or web
// form strips leading blanks). Rows as in test/fixtures/licensing.
import { describe, expect, it } from 'vitest';
import { parseServices } from './services';
import { fixture } from '../../test/support/licensing/fixture';

const NO_SERVICE = {
  file: 's.txt',
  line: 1,
  message:
    'không đọc được danh sách dịch vụ; hãy chụp bằng "sc query type= service state= all" hoặc "tasklist /svc" / no service found; capture with "sc query type= service state= all" or "tasklist /svc"',
};

describe('parseServices on the wrong or reshaped capture', () => {
  it('does not take plain tasklist output (five columns) for tasklist /svc: nothing read, the right command said', () => {
    const plain = [
      '',
      'Image Name                     PID Session Name        Session#    Mem Usage',
      '========================= ======== ================ =========== ============',
      'System Idle Process              0 Services                   0          8 K',
      'Service_KMS.exe               1432 Services                   0      9,876 K',
      'AutoPico.exe                  5120 Console                    1     14,212 K',
    ].join('\r\n');
    expect(parseServices(plain, 's.txt')).toEqual({
      format: 'unknown',
      services: [],
      processes: [],
      errors: [NO_SERVICE],
    });
  });

  it('reads a console copy of tasklist /svc whose lines are padded with blanks as the plain capture', () => {
    const text = fixture('tasklist-svc-en-kmspico.txt');
    const padded = text
      .split('\n')
      .map((l) => l.padEnd(120, ' '))
      .join('\r\n');
    const plain = parseServices(text, 's.txt');
    expect(plain.services.map((s) => s.name)).toContain('Service KMSELDI');
    expect(parseServices(padded, 's.txt')).toEqual(plain);
  });

  it('refuses an sc query paste that lost its indentation instead of reading TYPE and STATE values as services', () => {
    const flat = fixture('sc-query-en.txt')
      .split('\n')
      .map((l) => l.trimStart())
      .join('\n');
    expect(flat).toContain('\nSTATE              : 4  RUNNING\n');
    expect(parseServices(flat, 's.txt')).toEqual({
      format: 'unknown',
      services: [],
      processes: [],
      errors: [NO_SERVICE],
    });
  });
});
