// The hunt's HTML report in each language: the words from the catalogue, numbers as the reader
// writes them, English singular and plural, and the `--lang` choice as the default language.
import { afterEach, describe, expect, it } from 'vitest';
import { fixture, huntText } from '../../test/support/hunt/helpers';
import { setProcessWording } from '../i18n';
import type { HuntReport } from './report';
import { reportHtml } from './report-html';

const VIETNAMESE = /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i;
const found = (): HuntReport => {
  const { report } = huntText('pfirewall.log', fixture('pfirewall.log'));
  return { ...report, feeds: [{ source: 'feed.txt', indicators: 1234 }] };
};
const clean = (): HuntReport => ({ ...found(), devices: [], indicators: [] });
/** The page's text without its markup, the product's name and what came from the logs. */
const words = (html: string, r: HuntReport): string => {
  let text = html.replace(/<style>[\s\S]*<\/style>/, '').replace(/<[^>]+>/g, ' ');
  // The log lines, and the reading warnings (worded as the hunt ran, in the process's wording).
  for (const d of r.devices) for (const e of d.evidence) text = text.split(e.text).join(' ');
  for (const w of r.warnings) text = text.split(w.message).join(' ');
  return text.replace(/Sạch Mã Độc/g, '');
};

afterEach(() => setProcessWording('both'));

describe('the hunt report page', () => {
  it('is Vietnamese by default, with its verdict, tables and numbers in the Vietnamese form', () => {
    const r = found();
    const html = reportHtml(r);
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('<h1>Báo cáo giám sát mạng</h1>');
    expect(html).toContain(`<strong>${r.devices.length} thiết bị</strong> đã kết nối tới`);
    expect(html).toContain('feed.txt (1.234 chỉ báo)');
    expect(html).toContain(
      '<th>Địa chỉ/tên miền độc hại</th><th>Loại</th><th>Số thiết bị</th><th>Số lần</th>',
    );
    expect(html).toContain('Thời gian theo giờ địa phương.</footer>');
    expect(words(reportHtml(clean()), clean())).toContain(
      'Không thấy thiết bị nào kết nối tới địa chỉ hoặc tên miền độc hại của chiến dịch trong các nhật ký đã đọc.',
    );
  });

  it('is all English in English, singular for one device and one connection', () => {
    const r = found();
    const html = reportHtml(r, 'en');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<title>Network monitoring report — Sạch Mã Độc</title>');
    expect(html).toContain(`<strong>${r.devices.length} devices</strong> contacted`);
    expect(html).toContain('feed.txt (1,234 indicators)');
    expect(html).toContain('<th>Malicious addresses/domains</th><th>Type</th><th>Devices</th><th>Times</th>');
    expect(words(html, r)).not.toMatch(VIETNAMESE);
    const one = { ...r, devices: [{ ...r.devices[0], count: 1 }] };
    const single = reportHtml(one, 'en');
    expect(single).toContain('<strong>1 device</strong> contacted');
    expect(single).toContain('<p>1 connection, from ');
    expect(words(reportHtml(clean(), 'en'), clean())).toContain(
      'No device contacted a malicious address or domain of the campaign in the logs read.',
    );
  });

  it('follows the command line language (--lang) when none is given', () => {
    setProcessWording('en');
    expect(reportHtml(found())).toBe(reportHtml(found(), 'en'));
    setProcessWording('vi');
    expect(reportHtml(found())).toBe(reportHtml(found(), 'vi'));
  });
});
