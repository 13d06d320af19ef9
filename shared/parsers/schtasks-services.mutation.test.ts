// Edges of the scheduled-task and services parsers (shared/parsers/schtasks.ts, services.ts) that
// mutation testing (issue 19) showed no test pinned down. Rows are shaped like the captures in
// test/fixtures/licensing (schtasks /query /fo csv /v, sc query, tasklist /svc in both forms).
import { describe, expect, it } from 'vitest';
import { parseSchtasks } from './schtasks';
import { parseServices } from './services';
import { fixture } from '../../test/support/licensing/fixture';

const HEADER =
  '"HostName","TaskName","Next Run Time","Status","Logon Mode","Last Run Time","Last Result","Author","Task To Run","Start In","Comment","Scheduled Task State","Idle Time","Power Management","Run As User"';
const row = (
  task: string,
  command: string,
  extra: Partial<Record<'status' | 'author' | 'runAs', string>> = {},
) =>
  `"PC-KETOAN01","${task}","N/A","${extra.status ?? 'Ready'}","Interactive/Background","N/A","0","${extra.author ?? 'PC-KETOAN01\\Admin'}","${command}","N/A","N/A","Enabled","Disabled","","${extra.runAs ?? 'SYSTEM'}"`;

describe('parseSchtasks edges', () => {
  it('keeps status, author and run-as of each task, trimmed, and the last path segment as its name', () => {
    const { tasks, errors } = parseSchtasks(fixture('schtasks-csv-v-en.txt'), 't.csv');
    expect(errors).toEqual([]);
    expect(tasks[0]).toEqual({
      path: '\\AutoPico Daily Restart',
      name: 'AutoPico Daily Restart',
      command: "'C:\\Program Files\\KMSpico\\AutoPico.exe' /silent",
      status: 'Ready',
      author: 'PC-KETOAN01\\Admin',
      runAs: 'SYSTEM',
      line: 2,
    });
    expect(tasks[3]).toMatchObject({ name: 'ScheduledDefrag', author: 'Microsoft Corporation', line: 8 });
    const padded = parseSchtasks(
      [
        HEADER,
        row(' \\KMSAutoNet ', ' C:\\KMS\\a.exe ', { status: ' Running ', author: ' me ', runAs: ' SYSTEM ' }),
      ].join('\r\n'),
    );
    expect(padded.tasks[0]).toMatchObject({
      path: '\\KMSAutoNet',
      name: 'KMSAutoNet',
      command: 'C:\\KMS\\a.exe',
      status: 'Running',
      author: 'me',
      runAs: 'SYSTEM',
    });
  });

  it('reports a task row cut short, with its column count and line, and keeps the other rows', () => {
    const text = [
      HEADER,
      '"PC-KETOAN01","\\Cut","N/A","Ready","Interactive/Background","N/A","0","me"',
      row('\\Whole', 'x.exe'),
    ].join('\n');
    const { tasks, errors } = parseSchtasks(text, 'cut.csv');
    expect(tasks.map((t) => t.path)).toEqual(['\\Whole']);
    expect(errors).toEqual([
      {
        file: 'cut.csv',
        line: 2,
        message:
          'task row has 8 columns, expected the /v layout (28); capture with "schtasks /query /fo csv /v"',
      },
    ]);
    // Nine columns (up to Task To Run) are enough to read a task.
    const nine = parseSchtasks('"PC","\\Nine","N/A","Ready","I","N/A","0","me","run.exe"');
    expect(nine).toEqual({
      tasks: [
        {
          path: '\\Nine',
          name: 'Nine',
          command: 'run.exe',
          status: 'Ready',
          author: 'me',
          runAs: '',
          line: 1,
        },
      ],
      errors: [],
    });
  });

  it('says what to capture when the text has no task and no /v header, under the default file name', () => {
    // `schtasks /query /fo csv` without /v: three columns, the task name first.
    const short = '"TaskName","Next Run Time","Status"\r\n"\\AutoPico Daily Restart","N/A","Ready"\r\n';
    expect(parseSchtasks(short)).toEqual({
      tasks: [],
      errors: [
        {
          file: 'schtasks',
          line: 1,
          message: 'no scheduled task found; capture with "schtasks /query /fo csv /v"',
        },
      ],
    });
  });

  it('says nothing for an empty capture or a /v header with no task under it', () => {
    expect(parseSchtasks('')).toEqual({ tasks: [], errors: [] });
    expect(parseSchtasks(' \r\n')).toEqual({ tasks: [], errors: [] });
    expect(parseSchtasks(`${HEADER}\r\n`)).toEqual({ tasks: [], errors: [] });
    // Nine columns are the fewest the parser reads: a header that wide counts, eight do not.
    expect(
      parseSchtasks(
        '"HostName","TaskName","Next Run Time","Status","Logon Mode","Last Run Time","Last Result","Author","Task To Run"',
      ).errors,
    ).toEqual([]);
    // Eight columns are not the /v header: nothing was found.
    expect(parseSchtasks('"a","b","c","d","e","f","g","h"').errors).toHaveLength(1);
  });
});

describe('parseServices: sc query', () => {
  it('reads name, display name and the first state, skipping [SC] lines, with each block’s line', () => {
    const text = [
      '[SC] EnumQueryServicesStatus:OpenService FAILED 1060:',
      '',
      'SERVICE_NAME: KMSELDI',
      'DISPLAY_NAME: ',
      '        TYPE               : 10  WIN32_OWN_PROCESS',
      '        STATE              : 1  STOPPED',
      '        STATE              : 4  RUNNING',
      '',
      'SERVICE_NAME: sppsvc',
      'DISPLAY_NAME: Software Protection',
      '        TYPE               : 10  WIN32_OWN_PROCESS',
      '        STATE              : 4  RUNNING ',
      '                                (STOPPABLE, NOT_PAUSABLE, ACCEPTS_SHUTDOWN)',
    ].join('\r\n');
    const r = parseServices(text, 'sc.txt');
    expect(r).toEqual({
      format: 'sc-query',
      services: [
        { name: 'KMSELDI', displayName: null, state: 'STOPPED', imageName: null, pid: null, line: 3 },
        {
          name: 'sppsvc',
          displayName: 'Software Protection',
          state: 'RUNNING',
          imageName: null,
          pid: null,
          line: 9,
        },
      ],
      processes: [],
      errors: [],
    });
  });

  it('takes a block without a display name line as its own service, the next unindented line starting the next', () => {
    const text = [
      'SERVICE_NAME: a',
      '        STATE              : 1  STOPPED',
      'SERVICE_NAME: b',
      'DISPLAY_NAME: Bee',
      '        STATE              : 2  START_PENDING',
    ].join('\n');
    expect(parseServices(text).services.map((s) => [s.name, s.displayName, s.state])).toEqual([
      ['a', null, 'STOPPED'],
      ['b', 'Bee', 'START_PENDING'],
    ]);
  });

  it('reads a translated sc query by structure', () => {
    const text = [
      'DIENSTNAME: wuauserv',
      'ANZEIGENAME: Windows Update',
      '        TYP                : 20  WIN32_SHARE_PROCESS',
      '        STATUS             : 1  STOPPED',
    ].join('\n');
    expect(parseServices(text).services).toEqual([
      {
        name: 'wuauserv',
        displayName: 'Windows Update',
        state: 'STOPPED',
        imageName: null,
        pid: null,
        line: 1,
      },
    ]);
  });
});

describe('parseServices: tasklist /svc table', () => {
  it('reads rows, continuation lines of a long services list, and a PID pushed out of its column', () => {
    const text = [
      '',
      'Image Name                     PID Services',
      '========================= ======== ============================================',
      'System Idle Process              0 N/A',
      'System                           4 N/A',
      'svchost.exe                    796 BrokerInfrastructure, DcomLaunch, LSM,',
      '                                   PlugPlay, Power, SystemEventsBroker',
      'Service_KMS.exe               1432 Service KMSELDI',
      'AVeryLongImageNameThatOverflows.exe 5120 KMSAuto',
      'AutoPico.exe                  5124 N/A',
      '',
    ].join('\r\n');
    const r = parseServices(text, 'svc.txt');
    expect(r.format).toBe('tasklist-svc');
    expect(r.errors).toEqual([]);
    expect(r.processes).toEqual([
      { imageName: 'System Idle Process', pid: 0, line: 4 },
      { imageName: 'System', pid: 4, line: 5 },
      { imageName: 'svchost.exe', pid: 796, line: 6 },
      { imageName: 'Service_KMS.exe', pid: 1432, line: 8 },
      { imageName: 'AVeryLongImageNameThatOverflows.exe', pid: 5120, line: 9 },
      { imageName: 'AutoPico.exe', pid: 5124, line: 10 },
    ]);
    expect(r.services).toEqual([
      ...['BrokerInfrastructure', 'DcomLaunch', 'LSM'].map((name) => ({
        name,
        displayName: null,
        state: null,
        imageName: 'svchost.exe',
        pid: 796,
        line: 6,
      })),
      ...['PlugPlay', 'Power', 'SystemEventsBroker'].map((name) => ({
        name,
        displayName: null,
        state: null,
        imageName: 'svchost.exe',
        pid: 796,
        line: 7,
      })),
      {
        name: 'Service KMSELDI',
        displayName: null,
        state: null,
        imageName: 'Service_KMS.exe',
        pid: 1432,
        line: 8,
      },
      {
        name: 'KMSAuto',
        displayName: null,
        state: null,
        imageName: 'AVeryLongImageNameThatOverflows.exe',
        pid: 5120,
        line: 9,
      },
    ]);
  });

  it('drops the capture’s own "N/A" word, learned from PID 0 and 4, and "-"', () => {
    const text = [
      'Tên ảnh                      PID Dịch vụ',
      '========================= ======== ============================================',
      'System Idle Process              0 Không có',
      'System                           4 Không có',
      'svchost.exe                    796 Không có',
      'mqsvc.exe                     1292 -',
      'Service_KMS.exe               1432 Service KMSELDI',
    ].join('\n');
    expect(parseServices(text).services.map((s) => s.name)).toEqual(['Service KMSELDI']);
  });

  it('skips a continuation line before any row', () => {
    const text = [
      'Image Name                     PID Services',
      '========================= ======== ============================================',
      '                                   Orphan',
      'sppsvc.exe                    2628 sppsvc',
    ].join('\n');
    const r = parseServices(text);
    expect(r.processes).toEqual([{ imageName: 'sppsvc.exe', pid: 2628, line: 4 }]);
    expect(r.services.map((s) => s.name)).toEqual(['sppsvc']);
  });

  it('reports a table with no process row', () => {
    const text = 'Image Name                     PID Services\n========================= ======== ========\n';
    expect(parseServices(text, 'empty.txt')).toEqual({
      format: 'tasklist-svc',
      services: [],
      processes: [],
      errors: [
        {
          file: 'empty.txt',
          line: 1,
          message:
            'không đọc được danh sách dịch vụ; hãy chụp bằng "sc query type= service state= all" hoặc "tasklist /svc" / no service found; capture with "sc query type= service state= all" or "tasklist /svc"',
        },
      ],
    });
  });
});

describe('parseServices: tasklist /svc /fo csv', () => {
  it('skips the translated header and rows that are not three fields with a numeric PID', () => {
    const text = [
      '"Abbildname","PID","Dienste"',
      '"System Idle Process","0","Nicht zutreffend"',
      '"svchost.exe","796","Nicht zutreffend"',
      '"svchost.exe","x1","Power"',
      '"svchost.exe","797","Power","extra"',
      '"Service_KMS.exe"," 1432 ","Service KMSELDI"',
    ].join('\r\n');
    const r = parseServices(text, 'de.csv');
    expect(r.format).toBe('tasklist-svc-csv');
    expect(r.processes).toEqual([
      { imageName: 'System Idle Process', pid: 0, line: 2 },
      { imageName: 'svchost.exe', pid: 796, line: 3 },
      { imageName: 'Service_KMS.exe', pid: 1432, line: 6 },
    ]);
    expect(r.services).toEqual([
      {
        name: 'Service KMSELDI',
        displayName: null,
        state: null,
        imageName: 'Service_KMS.exe',
        pid: 1432,
        line: 6,
      },
    ]);
  });
});

describe('parseServices: what it is not', () => {
  it('does not take tasklist /v /fo csv (nine fields) or plain text for a services list', () => {
    const verbose =
      '"svchost.exe","796","Services","0","12,345 K","Running","NT AUTHORITY\\SYSTEM","0:00:01","N/A"';
    for (const text of [verbose, 'hello', ''])
      expect(parseServices(text, 'x.txt')).toEqual({
        format: 'unknown',
        services: [],
        processes: [],
        errors: [expect.objectContaining({ file: 'x.txt', line: 1 })],
      });
  });

  it('detects each format with a byte-order mark and CRLF line ends', () => {
    expect(parseServices(`\uFEFF${fixture('tasklist-svc-csv-en.txt').replace(/\n/g, '\r\n')}`).format).toBe(
      'tasklist-svc-csv',
    );
    expect(parseServices(fixture('sc-query-en.txt').replace(/\n/g, '\r\n')).services).toHaveLength(3);
    expect(
      parseServices(fixture('tasklist-svc-en-kmspico.txt').replace(/\n/g, '\r\n')).processes,
    ).toHaveLength(5);
  });
});

describe('parseServices on captures copied from a console window', () => {
  // A console copy pads every line with blanks to the window width.
  const pad = (lines: string[]) => lines.map((l) => l.padEnd(60, ' ')).join('\r\n');

  it('reads a padded sc query: names and display names trimmed, the state found', () => {
    const r = parseServices(
      pad([
        'SERVICE_NAME: KMSELDI',
        'DISPLAY_NAME: Service KMSELDI',
        '        STATE              : 1  STOPPED',
      ]),
    );
    expect(r.services).toEqual([
      {
        name: 'KMSELDI',
        displayName: 'Service KMSELDI',
        state: 'STOPPED',
        imageName: null,
        pid: null,
        line: 1,
      },
    ]);
  });

  it('reads a padded tasklist /svc table and a padded CSV form', () => {
    const table = parseServices(
      pad([
        'Image Name                     PID Services',
        '========================= ======== ============================================',
        'Service_KMS.exe               1432 Service KMSELDI',
      ]),
    );
    expect(table.services.map((s) => [s.name, s.pid])).toEqual([['Service KMSELDI', 1432]]);
    const csv = parseServices(pad(['"Service_KMS.exe","1432","Service KMSELDI"']));
    expect(csv.format).toBe('tasklist-svc-csv');
    expect(csv.services.map((s) => [s.name, s.pid])).toEqual([['Service KMSELDI', 1432]]);
  });
});

describe('parseServices: more shapes of real captures', () => {
  it('ignores the command line pasted above the sc query output', () => {
    const r = parseServices(['sc query type= service state= all', '', fixture('sc-query-en.txt')].join('\n'));
    expect(r.services.map((s) => s.name)).toEqual(['AdobeARMservice', 'Service KMSELDI', 'wuauserv']);
  });

  it('reads an image name holding a number by its column, not by the first number on the line', () => {
    const r = parseServices(
      [
        'Image Name                     PID Services',
        '========================= ======== ============================================',
        'Office 365 Sync.exe           2020 ClickToRunSvc',
      ].join('\n'),
    );
    expect(r.processes).toEqual([{ imageName: 'Office 365 Sync.exe', pid: 2020, line: 3 }]);
  });

  it('reads a table copied from its ruler down (no header line)', () => {
    const r = parseServices(
      [
        '========================= ======== ============================================',
        'Service_KMS.exe               1432 Service KMSELDI',
      ].join('\n'),
    );
    expect(r.processes).toEqual([{ imageName: 'Service_KMS.exe', pid: 1432, line: 2 }]);
  });

  it('learns the "N/A" word from the PID 4 row alone (a capture filtered to PID 4 and up)', () => {
    const r = parseServices(
      [
        'Tên ảnh                      PID Dịch vụ',
        '========================= ======== ============================================',
        'System                           4 Không có',
        'svchost.exe                    796 Không có',
        'Service_KMS.exe               1432 Service KMSELDI',
      ].join('\n'),
    );
    expect(r.services.map((s) => s.name)).toEqual(['Service KMSELDI']);
  });

  it('reads a CSV capture filtered to PIDs of two digits or more, and trims padded cells', () => {
    const r = parseServices(
      [
        '"svchost.exe","1044","BrokerInfrastructure,DcomLaunch"',
        '" Service_KMS.exe ","1432","Service KMSELDI"',
        '"svchost.exe","1x","Power"',
      ].join('\n'),
    );
    expect(r.format).toBe('tasklist-svc-csv');
    expect(r.processes).toEqual([
      { imageName: 'svchost.exe', pid: 1044, line: 1 },
      { imageName: 'Service_KMS.exe', pid: 1432, line: 2 },
    ]);
  });

  it('does not take plain tasklist /fo csv (five fields) for a services list', () => {
    const r = parseServices(
      [
        '"Image Name","PID","Session Name","Session#","Mem Usage"',
        '"svchost.exe","796","Services","0","12,345 K"',
      ].join('\n'),
    );
    expect(r.format).toBe('unknown');
  });

  it('keeps every row of a CSV capture that starts with a byte-order mark, under the default file name', () => {
    const r = parseServices(`\uFEFF${fixture('tasklist-svc-csv-en.txt')}`);
    expect(r.processes.map((p) => p.imageName)).toEqual([
      'System Idle Process',
      'svchost.exe',
      'Service_KMS.exe',
      'AutoPico.exe',
    ]);
    expect(parseServices('hello').errors[0].file).toBe('services');
  });

  it('starts a new service at a name line right after a display name, with no state line between', () => {
    const r = parseServices(
      [
        'SERVICE_NAME: a',
        'DISPLAY_NAME: A',
        'SERVICE_NAME: b',
        'DISPLAY_NAME: B',
        '        STATE              : 4  RUNNING',
      ].join('\n'),
    );
    expect(r.services.map((s) => [s.name, s.displayName, s.state])).toEqual([
      ['a', 'A', null],
      ['b', 'B', 'RUNNING'],
    ]);
  });
});

describe('parseServices on sc query text that went through other hands', () => {
  it('reads a double-spaced copy (a blank line after every line) as the original', () => {
    const r = parseServices(fixture('sc-query-en.txt').split('\n').join('\n\n'));
    expect(r.services.map((s) => [s.name, s.displayName, s.state])).toEqual([
      ['AdobeARMservice', 'Adobe Acrobat Update Service', 'RUNNING'],
      ['Service KMSELDI', 'Service KMSELDI', 'STOPPED'],
      ['wuauserv', 'Windows Update', 'STOPPED'],
    ]);
  });

  it('reads name lines with no blank after the colon', () => {
    const r = parseServices(
      [
        'SERVICE_NAME:KMSELDI',
        'DISPLAY_NAME:Service KMSELDI',
        '        STATE              : 1  STOPPED',
      ].join('\n'),
    );
    expect(r.services.map((s) => [s.name, s.displayName])).toEqual([['KMSELDI', 'Service KMSELDI']]);
  });
});
