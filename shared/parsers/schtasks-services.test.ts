import { describe, expect, it } from 'vitest';
import { parseSchtasks } from './schtasks';
import { parseServices } from './services';
import { fixture } from '../../test/support/licensing/fixture';

describe('parseSchtasks (schtasks /query /fo csv /v)', () => {
  it('reads tasks, skipping the header repeated per folder and the folder title', () => {
    const { tasks, errors } = parseSchtasks(fixture('schtasks-csv-v-en.txt'), 't.csv');
    expect(errors).toEqual([]);
    expect(tasks.map((t) => t.path)).toEqual([
      '\\AutoPico Daily Restart',
      '\\Service KMSELDI',
      '\\GoogleUpdateTaskMachineCore',
      '\\Microsoft\\Windows\\Defrag\\ScheduledDefrag',
    ]);
    expect(tasks[0]).toMatchObject({
      name: 'AutoPico Daily Restart',
      command: "'C:\\Program Files\\KMSpico\\AutoPico.exe' /silent",
      runAs: 'SYSTEM',
      line: 2,
    });
    expect(tasks[1].command).toBe('sc.exe start "Service KMSELDI"');
  });

  it('reads a Japanese header by column position', () => {
    const { tasks } = parseSchtasks(fixture('schtasks-csv-v-ja.txt'), 'ja.csv');
    expect(tasks).toEqual([
      expect.objectContaining({
        name: 'KMSAutoNet',
        command: 'C:\\ProgramData\\KMSAutoS\\bin\\KMSAuto Net.exe /win=act /sched=win',
      }),
    ]);
  });

  it('says which command to use when given something else', () => {
    const { tasks, errors } = parseSchtasks(fixture('sc-query-en.txt'), 'wrong.txt');
    expect(tasks).toEqual([]);
    expect(errors[0].message).toContain('schtasks /query /fo csv /v');
  });
});

describe('parseServices', () => {
  it('reads realdata 11 (C) tasklist /svc: a service name with a space, N/A as none', () => {
    const r = parseServices(fixture('tasklist-svc-en-kmspico.txt'), 'svc.txt');
    expect(r.format).toBe('tasklist-svc');
    expect(r.services.find((s) => s.name === 'Service KMSELDI')).toMatchObject({
      imageName: 'Service_KMS.exe',
      pid: 1432,
    });
    expect(r.processes.map((p) => p.imageName)).toContain('KzcmVNSNKYkueQf.exe');
    expect(r.services.map((s) => s.name)).toEqual(['MSMQ', 'Service KMSELDI', 'VGAuthService', 'sppsvc']);
  });

  it('reads the whole realdata 11 file (table among other text)', () => {
    const r = parseServices(fixture('11_kmspico_kmsauto_artifacts.txt'), '11.txt');
    expect(r.services.map((s) => s.name)).toContain('Service KMSELDI');
  });

  it('reads sc query with stopped services and display names', () => {
    const r = parseServices(fixture('sc-query-en.txt'), 'sc.txt');
    expect(r.format).toBe('sc-query');
    expect(r.services.map((s) => [s.name, s.displayName, s.state])).toEqual([
      ['AdobeARMservice', 'Adobe Acrobat Update Service', 'RUNNING'],
      ['Service KMSELDI', 'Service KMSELDI', 'STOPPED'],
      ['wuauserv', 'Windows Update', 'STOPPED'],
    ]);
  });

  it('reads tasklist /svc /fo csv, splitting svchost groups', () => {
    const r = parseServices(fixture('tasklist-svc-csv-en.txt'), 'svc.csv');
    expect(r.format).toBe('tasklist-svc-csv');
    expect(r.services.filter((s) => s.pid === 1044)).toHaveLength(5);
    expect(r.processes.map((p) => p.imageName)).toEqual([
      'System Idle Process',
      'svchost.exe',
      'Service_KMS.exe',
      'AutoPico.exe',
    ]);
  });

  it('reports an unreadable capture with what to run instead', () => {
    const r = parseServices(fixture('09_tasklist_v_csv_en_misc_real.txt'), '09.txt');
    expect(r.services).toEqual([]);
    expect(r.errors[0]).toMatchObject({ file: '09.txt', line: 1 });
  });
});
