import { describe, expect, it } from 'vitest';
import { activationBlockFindings, MAX_EVIDENCE_LINES } from './hosts-activation';
import { parseHostsFile } from '../parsers/hosts-file';
import { fixture } from '../../test/support/licensing/fixture';
import { bundled } from '../../test/support/licensing/signatures';

const vendors = bundled().activationHosts;
const blocked = (text: string) => text.split(/\r?\n/).filter((l) => /^(127\.0\.0\.1|0\.0\.0\.0) /.test(l));

// Realdata 13: two Autodesk lines, then the 27-line Adobe block (classic 127.0.0.1 part, the
// "# BLOCK AD0BE" comment, the GenP-era 0.0.0.0 part) with one more name under an Adobe suffix in
// the middle that stands for a name the campaign feed lists.
const autodesk = blocked(fixture('hosts-autodesk-crack.txt')).slice(0, 2);
const adobeText = fixture('hosts-adobe-crack.txt').replace(/\n$/, '');
const adobe = blocked(adobeText);
const FLAGGED = 'cdn-update.adobe.io';
const [classic, genp] = adobeText.split('\n\n');
const hostsText = [...autodesk, classic, `0.0.0.0 ${FLAGGED}`, '', genp, ''].join('\r\n');
const campaign = { matchDomain: (name: string) => (name === FLAGGED ? { id: `domain:${FLAGGED}` } : null) };

describe('activationBlockFindings: one sign per vendor and hosts file', () => {
  const { records } = parseHostsFile(hostsText, 'C:\\Windows\\System32\\drivers\\etc\\hosts');

  it('turns 27 Adobe lines, 2 Autodesk lines and a campaign name into 2 signs, in file order', () => {
    expect(adobe).toHaveLength(27);
    const f = activationBlockFindings(records, vendors, campaign);
    expect(f.map((x) => x.indicator)).toEqual(['Autodesk', 'Adobe']);
    const [ad, ab] = f;
    expect(ad).toMatchObject({
      kind: 'hosts-activation-block',
      via: 'licensing',
      domain: 'genuine-software.autodesk.com',
      evidence: '127.0.0.1 genuine-software.autodesk.com\n127.0.0.1 genuine-software1.autodesk.com',
      indicatorId: 'hosts:C:\\Windows\\System32\\drivers\\etc\\hosts:1',
      severity: 'medium',
    });
    expect(ab).toMatchObject({
      domain: 'activate.adobe.com',
      evidence: adobe.join('\n'),
      indicatorId: 'hosts:C:\\Windows\\System32\\drivers\\etc\\hosts:3',
    });
    expect(ab.evidence).not.toContain(FLAGGED);
    expect(ab.explanation).toEqual({
      vi: '27 dòng trong tệp hosts chặn máy chủ kích hoạt của Adobe (activate.adobe.com, practivate.adobe.com, ereg.adobe.com, … và 24 tên khác) bằng cách chuyển chúng về 127.0.0.1 hoặc 0.0.0.0, để ngăn việc kiểm tra bản quyền: dấu hiệu phần mềm Adobe bị bẻ khóa.',
      en: "27 lines in the hosts file block Adobe's activation servers (activate.adobe.com, practivate.adobe.com, ereg.adobe.com, … and 24 other names) by sending them to 127.0.0.1 or 0.0.0.0, to stop licence checks: a sign of cracked Adobe software.",
    });
    expect(ab.advice).toEqual({
      vi: 'Gỡ phần mềm Adobe bị bẻ khóa, xóa cả 27 dòng này khỏi tệp hosts (xem phần bằng chứng; cần quyền quản trị), rồi cài bản có bản quyền.',
      en: 'Uninstall the cracked Adobe software, delete all 27 of these lines from the hosts file (listed in the evidence; administrator rights needed), then install a licensed copy.',
    });
    expect(ad.explanation!.vi).toMatch(
      /^2 dòng trong tệp hosts chặn máy chủ kích hoạt của Autodesk \(genuine-software\.autodesk\.com, genuine-software1\.autodesk\.com\) bằng cách chuyển chúng về 127\.0\.0\.1,/,
    );
    expect(ad.explanation!.en).toMatch(/^2 lines in the hosts file block Autodesk's activation servers \(/);
    expect(ad.advice!.en).toContain('delete all 2 of these lines');
  });

  it('puts the campaign name back into its vendor’s block when the feed does not list it', () => {
    const ab = activationBlockFindings(records, vendors).find((x) => x.indicator === 'Adobe')!;
    const lines = ab.evidence!.split('\n');
    expect(lines).toHaveLength(28);
    expect(lines[18]).toBe(`0.0.0.0 ${FLAGGED}`);
    expect(ab.explanation!.vi).toMatch(/^28 dòng .*… và 25 tên khác/);
  });

  it('words one line as one line, as before grouping', () => {
    const one = parseHostsFile('0.0.0.0 lmlicenses.wip4.adobe.com\n', 'hosts').records;
    expect(activationBlockFindings(one, vendors)).toEqual([
      {
        indicator: 'Adobe',
        kind: 'hosts-activation-block',
        via: 'licensing',
        domain: 'lmlicenses.wip4.adobe.com',
        source: 'assets/signatures/activation-hosts.json',
        evidence: '0.0.0.0 lmlicenses.wip4.adobe.com',
        severity: 'medium',
        indicatorId: 'hosts:hosts:1',
        explanation: {
          vi: 'Tệp hosts chuyển lmlicenses.wip4.adobe.com (máy chủ bản quyền của Adobe) về 0.0.0.0, để chặn việc kiểm tra bản quyền: dấu hiệu phần mềm Adobe bị bẻ khóa.',
          en: 'The hosts file sends lmlicenses.wip4.adobe.com (a licensing server of Adobe) to 0.0.0.0 to block licence checks: a sign of cracked Adobe software.',
        },
        advice: {
          vi: 'Gỡ phần mềm Adobe bị bẻ khóa, xóa các dòng này khỏi tệp hosts (cần quyền quản trị), rồi cài bản có bản quyền.',
          en: 'Uninstall the cracked Adobe software, delete these lines from the hosts file (administrator rights needed), then install a licensed copy.',
        },
      },
    ]);
  });

  it('counts a line naming several of a vendor’s hosts once, and lists those names', () => {
    const [f] = activationBlockFindings(
      parseHostsFile('127.0.0.1 activate.adobe.com practivate.adobe.com # crack\n', 'hosts').records,
      vendors,
    );
    expect(f.evidence).toBe('127.0.0.1 activate.adobe.com practivate.adobe.com # crack');
    expect(f.explanation!.en).toMatch(
      /^1 line in the hosts file blocks Adobe's activation servers \(activate\.adobe\.com, practivate\.adobe\.com\)/,
    );
    expect(f.advice!.vi).toContain('xóa dòng này khỏi tệp hosts');
    expect(f.advice!.en).toContain('delete this line');
  });

  it('caps the evidence of a 500-line block and says how many lines it left out', () => {
    const text = Array.from({ length: 500 }, (_, i) => `127.0.0.1 host${i + 1}.adobe.com`).join('\n');
    const [f, ...rest] = activationBlockFindings(parseHostsFile(text, 'hosts').records, vendors);
    expect(rest).toEqual([]);
    const lines = f.evidence!.split('\n');
    expect(MAX_EVIDENCE_LINES).toBe(50);
    expect(lines).toHaveLength(51);
    expect(lines[0]).toBe('127.0.0.1 host1.adobe.com');
    expect(lines[49]).toBe('127.0.0.1 host50.adobe.com');
    expect(lines[50]).toBe('… và 450 dòng khác / … and 450 more lines');
    expect(f.explanation!.vi).toMatch(
      /^500 dòng .*host1\.adobe\.com, host2\.adobe\.com, host3\.adobe\.com, … và 497 tên khác/,
    );
    expect(f.advice!.en).toContain('all 500 of these lines');
  });

  it('keeps each file’s block apart', () => {
    const a = parseHostsFile('127.0.0.1 ereg.adobe.com\n', 'hosts-1').records;
    const b = parseHostsFile('# x\n127.0.0.1 ereg.adobe.com\n', 'hosts-2').records;
    expect(activationBlockFindings([...a, ...b], vendors).map((f) => f.indicatorId)).toEqual([
      'hosts:hosts-1:1',
      'hosts:hosts-2:2',
    ]);
  });
});
