import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTasklistCsv, parseTasklistSvc, parseTasklistVerbose } from './tasklist';

const fixture = (name: string) =>
  readFileSync(new URL(`../../test/fixtures/tasklist/${name}`, import.meta.url), 'utf8');

describe('parseTasklistCsv on the real captures', () => {
  it('reads `tasklist /v /fo csv /nh` rows (the base columns)', () => {
    const { rows, errors } = parseTasklistCsv(fixture('v-csv-en-intellij.txt'));
    expect(errors).toEqual([]);
    expect(rows).toHaveLength(6);
    expect(rows[1]).toEqual({ imageName: 'sihost.exe', pid: 3052, sessionName: 'Console', memory: 10924 });
    expect(rows.map((r) => r.pid)).toEqual([304, 3052, 3068, 3164, 3336, 3348]);
  });

  it('skips the Japanese header line by structure (its PID column is not a number)', () => {
    const { rows, errors } = parseTasklistCsv(fixture('v-csv-ja-header.txt'));
    expect(errors).toEqual([]);
    expect(rows).toHaveLength(5);
    expect(rows[0]).toEqual({
      imageName: 'System Idle Process',
      pid: 0,
      sessionName: 'Services',
      memory: 24,
    });
    expect(rows.some((r) => r.imageName === 'イメージ名')).toBe(false);
  });

  it('skips the English header line and reads the rest', () => {
    const { rows, errors } = parseTasklistCsv(fixture('v-csv-en-header.txt'));
    expect(errors).toEqual([]);
    expect(rows.map((r) => r.imageName)).toEqual([
      'System Idle Process',
      'System',
      'Registry',
      'smss.exe',
      'csrss.exe',
    ]);
  });

  it('reads single rows quoted out of logs and write-ups', () => {
    expect(parseTasklistCsv(fixture('v-csv-en-ctf.txt')).rows).toEqual([
      { imageName: 'lsass.exe', pid: 840, sessionName: 'Services', memory: 24332 },
    ]);
    expect(parseTasklistCsv(fixture('v-csv-en-deploy-log.txt')).rows.map((r) => r.pid)).toEqual([
      5556, 12016,
    ]);
  });
});

describe('parseTasklistCsv on other shapes', () => {
  it('reads localised memory figures whatever the thousands separator', () => {
    const text =
      '"explorer.exe","3164","Console","1","30.964 K"\n"chrome.exe","5364","Console","1","120\u00a0804 Ko"\n';
    expect(parseTasklistCsv(text).rows.map((r) => r.memory)).toEqual([30964, 120804]);
  });

  it('reports a line that is not a process row with file and line, after the first row', () => {
    const text = '"a.exe","1","Console","1","1 K"\nC:\\> tasklist /v /fo csv\n';
    const { rows, errors } = parseTasklistCsv(text, 'pc7-tasklist.csv');
    expect(rows).toHaveLength(1);
    expect(errors).toEqual([
      {
        file: 'pc7-tasklist.csv',
        line: 2,
        message: expect.stringContaining('tasklist /fo csv /nh') as string,
      },
    ]);
  });
});

describe('parseTasklistVerbose', () => {
  it('reads user name and window title, "N/A" as null', () => {
    const { rows } = parseTasklistVerbose(fixture('v-csv-en-intellij.txt'));
    expect(rows[0]).toMatchObject({
      imageName: 'smss.exe',
      status: 'Unknown',
      userName: null,
      windowTitle: null,
    });
    expect(rows[2]).toMatchObject({
      userName: 'VM-WINDOWS\\Anton Makeev',
      cpuTime: '0:00:00',
      windowTitle: 'Task Host Window',
    });
  });
});

describe('parseTasklistSvc', () => {
  it('reads `tasklist /svc /fo csv /nh`: comma-separated services, "N/A" in the words real captures print as none', () => {
    const text = [
      '"Image Name","PID","Services"',
      '"svchost.exe","840","RpcEptMapper,RpcSs"',
      '"System","4","N/A"',
      '"Service_KMS.exe","1432","Service KMSELDI"',
      // zh-CN and ru-RU print their own words (sources in windows-languages.ts).
      '"wslrelay.exe","37564","暂缺"',
      '"csrss.exe","656","Н/Д"',
    ].join('\r\n');
    const { services, errors } = parseTasklistSvc(text);
    expect(errors).toEqual([]);
    expect(Object.fromEntries(services)).toEqual({
      840: ['RpcEptMapper', 'RpcSs'],
      4: [],
      1432: ['Service KMSELDI'],
      37564: [],
      656: [],
    });
  });

  it('takes a word with "/" or "\\" for "N/A": no service name can hold one (CreateService)', () => {
    const { services } = parseTasklistSvc(
      '"smss.exe","416","N/D"\r\n"a.exe","9","X\\Y"\r\n"b.exe","10","Dhcp"',
    );
    expect(Object.fromEntries(services)).toEqual({ 416: [], 9: [], 10: ['Dhcp'] });
  });

  it('learns a language\'s "N/A" word from the PID 0 and PID 4 rows, which never host a service', () => {
    // A word no list holds: read from System Idle Process and System, then dropped everywhere.
    const text = [
      '"System Idle Process","0","Nie dotyczy"',
      '"System","4","Nie dotyczy"',
      '"smss.exe","416","Nie dotyczy"',
      '"svchost.exe","840","RpcEptMapper,RpcSs"',
    ].join('\r\n');
    expect(Object.fromEntries(parseTasklistSvc(text).services)).toEqual({
      0: [],
      4: [],
      416: [],
      840: ['RpcEptMapper', 'RpcSs'],
    });
    // Without those rows the same word is kept: shown as printed, never guessed away.
    expect(parseTasklistSvc('"smss.exe","416","Nie dotyczy"').services.get(416)).toEqual(['Nie dotyczy']);
  });

  it('reads the real fixed-width `tasklist /svc` of a KMSpico-infected machine', () => {
    const { services } = parseTasklistSvc(fixture('svc-table-en-kmspico.txt'));
    expect(services.get(1432)).toEqual(['Service KMSELDI']);
    expect(services.get(1292)).toEqual(['MSMQ']);
    expect(services.get(1900)).toEqual([]);
    expect(services.size).toBe(5);
  });

  it('joins a wrapped service list in the fixed-width form', () => {
    const text = [
      'Image Name                     PID Services',
      '========================= ======== ============================================',
      'svchost.exe                    964 AudioSrv, Dhcp, eventlog,',
      '                                   lmhosts',
    ].join('\n');
    expect(parseTasklistSvc(text).services.get(964)).toEqual(['AudioSrv', 'Dhcp', 'eventlog', 'lmhosts']);
  });
});
