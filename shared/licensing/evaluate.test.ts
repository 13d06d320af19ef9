import { describe, expect, it } from 'vitest';
import { evaluateLicensing, isAgencyKms, legitimateKms, splitLicensing } from './evaluate';
import { mergeFeedSignatures } from './signatures';
import { parseSlmgr } from '../parsers/slmgr';
import { parseRegUninstall } from '../parsers/reg-uninstall';
import { parseSchtasks } from '../parsers/schtasks';
import { parseServices } from '../parsers/services';
import { parseHostsFile } from '../parsers/hosts-file';
import { fixture } from '../../test/support/licensing/fixture';
import { bundled } from '../../test/support/licensing/signatures';

const sigs = bundled();
const activation = (name: string) => [{ source: name, products: parseSlmgr(fixture(name), name).products }];
const noAgency = { agencyKmsHosts: [] as string[] };

describe('evaluateLicensing: activation', () => {
  it('flags KMS activation against a host that is not the agency’s, with the exact line', () => {
    const f = evaluateLicensing(
      { activation: activation('slmgr-dlv-en-registered-kms.txt') },
      noAgency,
      sigs,
    );
    expect(f).toEqual([
      expect.objectContaining({
        kind: 'kms-activation',
        via: 'licensing',
        indicator: 'kms.vbs.net.cn:1688',
        evidence: 'Registered KMS machine name: kms.vbs.net.cn:1688',
        severity: 'medium',
      }),
    ]);
    expect(f[0].explanation!.vi).toContain('kms.vbs.net.cn:1688');
    expect(f[0].advice!.en).toContain('slmgr /skms');
  });

  it('accepts the agency’s own KMS host by name, by name:port, by its IP, or by its domain', () => {
    // Realdata 10 (B) as if the host were the agency's: a registered, public name.
    const input = { activation: activation('slmgr-dlv-en-registered-kms.txt') };
    expect(evaluateLicensing(input, { agencyKmsHosts: ['KMS.vbs.net.cn'] }, sigs)).toEqual([]);
    expect(evaluateLicensing(input, { agencyKmsHosts: ['kms.vbs.net.cn:1688'] }, sigs)).toEqual([]);
    expect(evaluateLicensing(input, { agencyKmsHosts: ['vbs.net.cn'] }, sigs)).toEqual([]);
    expect(evaluateLicensing(input, { agencyKmsHosts: ['*.vbs.net.cn'] }, sigs)).toEqual([]);
    expect(evaluateLicensing(input, { agencyKmsHosts: ['kms.vbs.net.cn:1700'] }, sigs)).toHaveLength(1);
    expect(evaluateLicensing(input, { agencyKmsHosts: ['kms.other.gov.vn'] }, sigs)).toHaveLength(1);
    expect(evaluateLicensing(input, { agencyKmsHosts: ['net.cn.evil'] }, sigs)).toHaveLength(1);
  });

  it('volume licensing is not cracking: a host from DNS auto-discovery or on a private address is legitimate', () => {
    // Realdata 10 (A) Server 2012 (DNS, 10.5.213.229), (D) zh-CN LTSC (DNS, 192.168.100.1) and (E)
    // Office (DNS): corporate KMS found the way Microsoft intends, whatever the agency list says.
    const f = evaluateLicensing(
      {
        activation: [
          ...activation('slmgr-dli-en-kms-dns.txt'),
          ...activation('slmgr-dlv-zh-cn.txt'),
          ...activation('ospp-dstatus-en.txt'),
        ],
      },
      { agencyKmsHosts: ['kms.agency.gov.vn'] },
      sigs,
    );
    expect(f).toEqual([]);
    const registered = (host: string, ip: string | null = null) =>
      legitimateKms({ kmsHost: host, kmsHostSource: 'registered', kmsIp: ip }, []);
    expect(registered('10.20.30.40:1688')).toBe('private');
    expect(registered('[fe80::1]:1688')).toBe('private');
    expect(registered('169.254.10.10:1688')).toBe('private');
    expect(registered('kmsserver:1688')).toBe('private');
    expect(registered('kms.corp.local:1688')).toBe('private');
    expect(registered('kms.example.org:1688', '172.16.5.5')).toBe('private');
    expect(registered('kms.vbs.net.cn:1688')).toBeNull();
    expect(registered('45.77.10.20:1688')).toBeNull();
    // A "server" on the machine itself is an emulator (KMSpico), even when DNS named it.
    expect(legitimateKms({ kmsHost: '127.0.0.2:1688', kmsHostSource: 'dns', kmsIp: null }, [])).toBeNull();
  });

  it('flags only a KMS host that is public and not on the agency list', () => {
    const f = evaluateLicensing(
      { activation: activation('slmgr-dlv-en-registered-kms.txt') },
      { agencyKmsHosts: ['kms.agency.gov.vn'] },
      sigs,
    );
    expect(f.map((x) => [x.kind, x.evidence])).toEqual([
      ['kms-activation', 'Registered KMS machine name: kms.vbs.net.cn:1688'],
    ]);
  });

  it('rates a loopback KMS host (local emulator) high', () => {
    const f = evaluateLicensing({ activation: activation('slmgr-dli-en-local-kms.txt') }, noAgency, sigs);
    expect(f[0]).toMatchObject({ kind: 'kms-activation', severity: 'high', domain: '127.0.0.2' });
  });

  it('reports notification mode, unlicensed, grace periods and evaluation copies as not-activated notices', () => {
    const kinds = (name: string) =>
      evaluateLicensing({ activation: activation(name) }, noAgency, sigs).map((x) => [
        x.kind,
        x.severity,
        x.evidence,
      ]);
    expect(kinds('slmgr-dli-en-notification.txt')).toEqual([
      ['not-activated', 'low', 'License Status: Notification'],
    ]);
    expect(kinds('slmgr-dli-zh-cn-unlicensed.txt')).toEqual([['not-activated', 'low', '许可证状态: 未授权']]);
    expect(kinds('slmgr-dli-en-eval-grace.txt')).toEqual([
      ['not-activated', 'low', 'License Status: Initial grace period'],
    ]);
    // An evaluation edition inside its period says "Licensed": the channel says what it is.
    const evalLicensed = parseSlmgr(
      fixture('slmgr-dli-en-eval-grace.txt').replace('Initial grace period', 'Licensed'),
      'eval.txt',
    ).products;
    expect(
      evaluateLicensing({ activation: [{ source: 'eval.txt', products: evalLicensed }] }, noAgency, sigs).map(
        (x) => [x.kind, x.evidence],
      ),
    ).toEqual([['not-activated', 'Windows Operating System - Windows(R) 7, TIMEBASED_EVAL channel']]);
    expect(kinds('slmgr-dli-en-oem.txt')).toEqual([]);
    expect(kinds('slmgr-dli-unknown-status.txt')).toEqual([]);
  });

  it('words a not-activated notice as "Windows chưa kích hoạt / Windows not activated", not as cracking', () => {
    const [f] = evaluateLicensing(
      { activation: activation('slmgr-dli-en-notification.txt') },
      noAgency,
      sigs,
    );
    expect(f.explanation!.vi).toMatch(/^Windows chưa kích hoạt: /);
    expect(f.explanation!.en).toMatch(/^Windows not activated: /);
    expect(f.explanation!.en).toContain('not a sign of cracking');
    const { signs, notices } = splitLicensing([
      f,
      ...evaluateLicensing({ activation: activation('slmgr-dlv-en-registered-kms.txt') }, noAgency, sigs),
    ]);
    expect(signs.map((x) => x.kind)).toEqual(['kms-activation']);
    expect(notices.map((x) => x.kind)).toEqual(['not-activated']);
  });

  it('names the licence state in each language in that language only', () => {
    const [f] = evaluateLicensing(
      { activation: activation('slmgr-dli-en-notification.txt') },
      noAgency,
      sigs,
    );
    expect(f.explanation!.vi).toContain('chế độ thông báo');
    expect(f.explanation!.vi).not.toContain('notification mode');
    expect(f.explanation!.en).toContain('notification mode');
    expect(f.explanation!.en).not.toContain('chế độ thông báo');
  });

  it('says how many days of grace are left', () => {
    const [f] = evaluateLicensing({ activation: activation('slmgr-dli-en-eval-grace.txt') }, noAgency, sigs);
    expect(f.explanation).toEqual({
      vi: expect.stringContaining('Còn khoảng 9 ngày'),
      en: expect.stringContaining('About 9 day(s) left'),
    });
  });
});

describe('evaluateLicensing: crack tools', () => {
  it('finds KMSpico and KMSAuto among installed programs of both hives, not Notepad++', () => {
    const { programs } = parseRegUninstall(fixture('reg-uninstall-kmspico-both-hives.txt'), 'r.txt');
    const f = evaluateLicensing({ programs }, noAgency, sigs);
    expect(f.map((x) => [x.kind, x.indicatorId])).toEqual([
      ['crack-tool', 'kmspico'],
      ['crack-tool', 'kmsauto'],
    ]);
    expect(f[0].evidence).toContain('Uninstall\\KMSpico_is1');
    expect(f[0].source).toBe('assets/signatures/crack-tools.json');
  });

  it('says where a tool was found in each language in that language only', () => {
    const { programs } = parseRegUninstall(fixture('reg-uninstall-kmspico-both-hives.txt'), 'r.txt');
    const [f] = evaluateLicensing({ programs }, noAgency, sigs);
    expect(f.explanation!.vi).not.toMatch(/installed program|\/ /);
    expect(f.explanation!.en).not.toMatch(/[ạảấầậđếềệốồộớờợứừự]/);
  });

  it('finds nothing in ordinary installed programs (realdata 12)', () => {
    const { programs } = parseRegUninstall(fixture('12_reg_query_uninstall_s.txt'), '12.txt');
    expect(evaluateLicensing({ programs }, noAgency, sigs)).toEqual([]);
  });

  it('finds KMSpico’s scheduled tasks by name and KMSAuto’s by the program it runs', () => {
    const tasks = [
      ...parseSchtasks(fixture('schtasks-csv-v-en.txt'), 'en').tasks,
      ...parseSchtasks(fixture('schtasks-csv-v-ja.txt'), 'ja').tasks,
    ];
    const f = evaluateLicensing({ tasks }, noAgency, sigs);
    expect(f.map((x) => [x.indicatorId, x.evidence])).toEqual([
      ['kmspico', "\\AutoPico Daily Restart → 'C:\\Program Files\\KMSpico\\AutoPico.exe' /silent"],
      ['kmspico', '\\Service KMSELDI → sc.exe start "Service KMSELDI"'],
      ['kmsauto', '\\KMSAutoNet → C:\\ProgramData\\KMSAutoS\\bin\\KMSAuto Net.exe /win=act /sched=win'],
    ]);
  });

  it('finds the KMSELDI service from realdata 11 tasklist /svc and from sc query (stopped)', () => {
    const svc = parseServices(fixture('tasklist-svc-en-kmspico.txt'), 's');
    const f = evaluateLicensing({ services: svc.services, processes: svc.processes }, noAgency, sigs);
    expect(f.map((x) => x.evidence)).toEqual([
      'service "Service KMSELDI" in Service_KMS.exe',
      'process Service_KMS.exe (PID 1432)',
    ]);
    const sc = parseServices(fixture('sc-query-en.txt'), 'sc');
    expect(evaluateLicensing({ services: sc.services }, noAgency, sigs).map((x) => x.evidence)).toEqual([
      'service "Service KMSELDI" (Service KMSELDI)',
    ]);
  });

  it('reports files found on disk against the signature that named them', () => {
    const f = evaluateLicensing(
      { foundPaths: [{ path: 'C:\\Windows\\SECOH-QAD.exe', signatureId: 'secoh-qad' }] },
      noAgency,
      sigs,
    );
    expect(f).toEqual([
      expect.objectContaining({ indicator: 'SECOH-QAD', evidence: 'C:\\Windows\\SECOH-QAD.exe' }),
    ]);
  });
});

describe('evaluateLicensing: hosts activation blocks', () => {
  it('makes one sign of each vendor’s block per file, listing its lines in file order', () => {
    const adobe = fixture('hosts-adobe-crack.txt');
    const autodesk = fixture('hosts-autodesk-crack.txt');
    const records = [
      ...parseHostsFile(adobe, 'hosts-a').records,
      ...parseHostsFile(autodesk, 'hosts-b').records,
    ];
    const f = evaluateLicensing({ hostsRecords: records }, noAgency, sigs);
    const hostsLines = (text: string) =>
      text.split('\n').filter((l) => /^(127\.0\.0\.1|0\.0\.0\.0) /.test(l));
    expect(hostsLines(adobe)).toHaveLength(18 + 9);
    expect(f).toHaveLength(2);
    expect(f[0]).toMatchObject({
      kind: 'hosts-activation-block',
      via: 'licensing',
      indicator: 'Adobe',
      domain: 'activate.adobe.com',
      evidence: hostsLines(adobe).join('\n'),
      indicatorId: 'hosts:hosts-a:1',
    });
    expect(f[1]).toMatchObject({
      indicator: 'Autodesk',
      domain: 'genuine-software.autodesk.com',
      evidence: hostsLines(autodesk).join('\n'),
      indicatorId: 'hosts:hosts-b:1',
    });
    expect(f[1].evidence!.split('\n')).toHaveLength(7);
  });

  it('keeps two vendors’ signs apart when one line names both, and a file read twice adds nothing', () => {
    // Same file, same first line, same evidence: only the vendor tells the two signs apart.
    const records = parseHostsFile('127.0.0.1 activate.adobe.com lic.autodesk.com\n', 'hosts').records;
    const f = evaluateLicensing({ hostsRecords: [...records, ...records] }, noAgency, sigs);
    expect(f.map((x) => [x.indicator, x.indicatorId, x.evidence])).toEqual([
      ['Adobe', 'hosts:hosts:1', '127.0.0.1 activate.adobe.com lic.autodesk.com'],
      ['Autodesk', 'hosts:hosts:1', '127.0.0.1 activate.adobe.com lic.autodesk.com'],
    ]);
  });

  it('finds nothing in the default Windows hosts file', () => {
    const { records } = parseHostsFile(fixture('hosts-default-windows-crlf.txt'), 'hosts');
    expect(evaluateLicensing({ hostsRecords: records }, noAgency, sigs)).toEqual([]);
  });

  it('leaves a domain on the campaign feed to the scan engine', () => {
    const { records } = parseHostsFile('127.0.0.1 activate.adobe.com\n127.0.0.1 ereg.adobe.com\n', 'hosts');
    const index = { matchDomain: (n: string) => (n === 'ereg.adobe.com' ? { id: 'x' } : null) };
    const f = evaluateLicensing({ hostsRecords: records }, noAgency, sigs, index);
    expect(f.map((x) => [x.domain, x.evidence])).toEqual([
      ['activate.adobe.com', '127.0.0.1 activate.adobe.com'],
    ]);
  });

  it('does not flag a vendor domain mapped to a real address', () => {
    const { records } = parseHostsFile('23.45.67.89 activate.adobe.com\n', 'hosts');
    expect(evaluateLicensing({ hostsRecords: records }, noAgency, sigs)).toEqual([]);
  });
});

describe('signatures from the signed feed', () => {
  it('adds valid feed records, replaces a bundled id, and reports invalid ones by index', () => {
    const { signatures, issues } = mergeFeedSignatures(
      sigs,
      [
        { id: 'newtool', name: 'NewTool Activator', kind: 'kms-activator', services: ['NewToolSvc'] },
        { id: 'kmspico', name: 'KMSpico (feed)', kind: 'kms-activator', services: ['Service KMSELDI'] },
        { id: 'Bad Id', name: 'x', kind: 'crack' },
        { id: 'extra', name: 'x', kind: 'crack', unknownField: 1 },
      ],
      'feed.json',
    );
    expect(issues.map((i) => i.message)).toEqual([
      expect.stringContaining('crackSignatures[2] ignored: id'),
      expect.stringContaining('crackSignatures[3] ignored'),
    ]);
    const f = evaluateLicensing(
      {
        services: [
          { name: 'NewToolSvc', displayName: null, state: 'RUNNING', imageName: null, pid: null, line: 1 },
        ],
      },
      noAgency,
      signatures,
    );
    expect(f).toEqual([
      expect.objectContaining({ indicator: 'NewTool Activator', source: 'campaign feed (crackSignatures)' }),
    ]);
    expect(signatures.tools.find((t) => t.id === 'kmspico')!.name).toBe('KMSpico (feed)');
    expect(signatures.tools.length).toBe(sigs.tools.length + 1);
  });

  it('compares KMS hosts case-insensitively, ignoring a trailing dot', () => {
    expect(isAgencyKms('KMS.Agency.gov.vn.:1688', null, ['kms.agency.gov.vn'])).toBe(true);
    expect(isAgencyKms('kms.agency.gov.vn.evil.example:1688', null, ['kms.agency.gov.vn'])).toBe(false);
  });

  it('a domain on the list covers its hosts; a bare suffix or an address does not', () => {
    expect(isAgencyKms('kms.hanoi.gov.vn:1688', null, ['hanoi.gov.vn'])).toBe(true);
    expect(isAgencyKms('kms.hanoi.gov.vn:1688', null, ['*.hanoi.gov.vn'])).toBe(true);
    expect(isAgencyKms('kms.pirate.gov.vn:1688', null, ['gov.vn'])).toBe(false);
    expect(isAgencyKms('kms.pirate.com.vn:1688', null, ['com.vn'])).toBe(false);
    expect(isAgencyKms('kms.pirate.vn:1688', null, ['vn'])).toBe(false);
    expect(isAgencyKms('1.10.0.0.5:1688', null, ['10.0.0.5'])).toBe(false);
  });
});
