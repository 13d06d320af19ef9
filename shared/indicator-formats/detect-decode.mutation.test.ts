// Feed format detection and decoding word for word (issue 19, mutation testing of detect.ts and
// decode.ts): each format's tell-tale, what a text that is no feed looks like, and the bytes of
// files that are no text at all.
import { describe, expect, it } from 'vitest';
import { describeText as describeCode, detectFormat as detectCode } from './detect';
import { decodeFeed as decodeWithCode, splitLines } from './decode';
import { bilingual } from '../i18n';

// The functions give catalogue keys; these tests read them as the CLI prints them by default
// (Vietnamese / English), word for word.
const detectFormat = (text: string) => {
  const d = detectCode(text);
  return d.format === 'unknown' ? { ...d, looksLike: bilingual(d.looksLike) } : d;
};
const describeText = (text: string) => bilingual(describeCode(text));
const decodeFeed = (...args: Parameters<typeof decodeWithCode>) => {
  const { binaryCode, ...decoded } = decodeWithCode(...args);
  // The code and the words it carries name the same thing.
  if (binaryCode !== undefined) expect(bilingual(binaryCode)).toBe(decoded.binary);
  return decoded;
};

describe('detectFormat', () => {
  const unknown = (looksLike: string) => ({ format: 'unknown', looksLike });

  it('an empty file, and one of comments only', () => {
    expect(detectFormat('')).toEqual(unknown('một tệp rỗng / an empty file'));
    expect(detectFormat(' \n\t\n')).toEqual(unknown('một tệp rỗng / an empty file'));
    expect(detectFormat('# just a note\n# another\n')).toEqual(
      unknown('tệp chỉ có chú thích, không có chỉ báo / a file with only comments, no indicators'),
    );
    expect(detectFormat('# Windows HOSTS file\n# nothing else\n')).toEqual({ format: 'hosts' });
    expect(detectFormat('# hosts file\n')).toEqual({ format: 'hosts' });
  });

  it('JSON: campaign, STIX, MISP, or another document; broken JSON by its patterns', () => {
    expect(detectFormat('{"hello": 1}')).toEqual(
      unknown(
        'một tài liệu JSON khác (không phải STIX hay MISP) / a JSON document that is neither STIX nor MISP',
      ),
    );
    expect(detectFormat('[1, 2]')).toEqual(
      unknown(
        'một tài liệu JSON khác (không phải STIX hay MISP) / a JSON document that is neither STIX nor MISP',
      ),
    );
    expect(
      detectFormat(
        '{"type": "bundle", "objects": [{"type": "indicator", "pattern": "[ipv4-addr:value = \'203.0.113.9\']"',
      ),
    ).toEqual({
      format: 'stix',
    });
    expect(detectFormat('{"Event": {"Attribute": [')).toEqual({ format: 'misp' });
    expect(detectFormat('  {"Attribute" : [')).toEqual({ format: 'misp' });
    expect(detectFormat('{"x": ')).toEqual(
      unknown('văn bản không theo định dạng nguồn nào / text in no known feed format'),
    );
    expect(detectFormat('pattern: "[ipv4-addr:value = \'203.0.113.9\']"')).toEqual({ format: 'stix' });
    // Not a pattern of an indicator value: no STIX.
    expect(detectFormat('x "[nothing here]"').format).toBe('unknown');
  });

  it('abuse.ch dumps by their header box, or by the shape of the first CSV row', () => {
    expect(detectFormat('# Feodo Tracker: Suricata / Snort Ruleset\nalert ip any')).toEqual(
      unknown(
        'bộ luật Suricata/Snort (hãy dùng ipblocklist.txt hoặc .csv của Feodo Tracker) / a Suricata/Snort ruleset (use Feodo Tracker ipblocklist.txt or .csv)',
      ),
    );
    expect(detectFormat('# ThreatFox IOCs: CSV export\n"1","2"')).toEqual({ format: 'threatfox-csv' });
    expect(detectFormat('# x\n# "ioc_value"\n')).toEqual({ format: 'threatfox-csv' });
    expect(detectFormat('# URLhaus Host file\n127.0.0.1 evil.example')).toEqual({ format: 'urlhaus-hosts' });
    expect(detectFormat('# URLhaus Hostfile\n127.0.0.1 evil.example')).toEqual({ format: 'urlhaus-hosts' });
    expect(detectFormat('# URLhaus Database Dump (CSV - recent URLs only)\n"1"')).toEqual({
      format: 'urlhaus-csv',
    });
    expect(detectFormat('# id,dateadded,url,url_status\n"1"')).toEqual({ format: 'urlhaus-csv' });
    expect(detectFormat('# Feodo Tracker Botnet C2 IP Blocklist (CSV)\n"2026"')).toEqual({
      format: 'feodo-csv',
    });
    expect(detectFormat('# "first_seen_utc","dst_ip"\n"2026"')).toEqual({ format: 'feodo-csv' });
    expect(detectFormat('# Feodo Tracker Botnet C2 IP Blocklist\n203.0.113.9')).toEqual({
      format: 'feodo-txt',
    });
    const row = (f: string[]) => f.map((x) => `"${x}"`).join(',');
    expect(detectFormat(row(['2026-11-23', '1', 'evil.example', 'domain', 'botnet_cc', 'x']))).toEqual({
      format: 'threatfox-csv',
    });
    for (const t of ['ip:port', 'url', 'md5_hash', 'sha1_hash', 'sha256_hash'])
      expect(detectFormat(row(['a', 'b', 'c', t, 'e', 'f'])), t).toEqual({ format: 'threatfox-csv' });
    expect(detectFormat(row(['1', '2026-11-23', 'http://evil.example/x', 'online', 'x', 'y']))).toEqual({
      format: 'urlhaus-csv',
    });
    expect(detectFormat(row(['2026-11-23', '203.0.113.9', '443', 'online', 'x', 'Emotet']))).toEqual({
      format: 'feodo-csv',
    });
    // Five fields, or unquoted: not an abuse.ch row.
    expect(detectFormat(row(['2026-11-23', '203.0.113.9', '443', 'online', 'x'])).format).toBe('unknown');
    expect(detectFormat('a,203.0.113.9,443,online,x,Emotet').format).toBe('unknown');
    expect(detectFormat(row(['2026-11-23', '203.0.113', '443', 'online', 'x', 'Emotet'])).format).toBe(
      'unknown',
    );
  });

  it('hosts and plain lists by the majority of their data lines', () => {
    expect(detectFormat('0.0.0.0 evil.example\n0.0.0.0 c2.example\n203.0.113.9')).toEqual({
      format: 'hosts',
    });
    expect(detectFormat('127.0.0.1 localhost\n0.0.0.0 a.example\n')).toEqual({ format: 'hosts' });
    expect(detectFormat('203.0.113.9\nevil.example\n0.0.0.0 c2.example')).toEqual({ format: 'plain' });
    expect(detectFormat('203.0.113.9\nnot an indicator at all\n')).toEqual(
      unknown('văn bản không theo định dạng nguồn nào / text in no known feed format'),
    );
    expect(detectFormat('203.0.113.9\nevil.example\nnot one\n')).toEqual({ format: 'plain' });
    expect(detectFormat('# c\n203.0.113.9\n')).toEqual({ format: 'plain' });
    expect(detectFormat('<html><body>login</body></html>')).toEqual(
      unknown(
        'một trang HTML (có thể là trang lỗi hoặc trang đăng nhập thay cho nguồn) / an HTML page (perhaps an error or login page instead of the feed)',
      ),
    );
  });

  it('samples the first 400 data lines', () => {
    const bad = Array(400).fill('not an indicator at all').join('\n');
    expect(detectFormat(`${bad}\n${Array(500).fill('203.0.113.9').join('\n')}`).format).toBe('unknown');
    const mostly = `${Array(201).fill('203.0.113.9').join('\n')}\n${Array(199).fill('x y z').join('\n')}\n${bad}`;
    expect(detectFormat(mostly)).toEqual({ format: 'plain' });
  });
});

describe('describeText', () => {
  it('names captures and scripts given in place of a feed', () => {
    expect(describeText('<!DOCTYPE html><html>')).toContain('an HTML page');
    expect(describeText('  <?xml version="1.0"?>')).toContain('an HTML page');
    expect(describeText('<head>')).toContain('an HTML page');
    expect(describeText('\n  TCP    10.0.0.5:50123   203.0.113.9:443   ESTABLISHED')).toBe(
      'bản ghi netstat (dùng --netstat) / a netstat capture (use --netstat)',
    );
    expect(describeText('udp 0.0.0.0:53 *:*')).toBe(
      'bản ghi netstat (dùng --netstat) / a netstat capture (use --netstat)',
    );
    for (const dns of [
      '9.113.0.203.in-addr.arpa',
      'Record Name . . : x',
      'RecordName',
      'Eintragsname',
      'Get-DnsClientCache',
      'x Success  Answer y',
    ])
      expect(describeText(dns), dns).toBe(
        'danh sách bộ đệm DNS (dùng --dns-cache) / a DNS cache listing (use --dns-cache)',
      );
    expect(describeText('"KMSpico.exe","1432","Console"')).toBe(
      'bản ghi tasklist (dùng --tasklist) / a tasklist capture (use --tasklist)',
    );
    for (const script of [
      '@ECHO off',
      'Console.WriteLine(1)',
      'Add-Content x',
      'Out-File x',
      'Set-Content x',
      'dir >> out.txt',
    ])
      expect(describeText(script), script).toBe(
        'một đoạn script (batch/PowerShell) / a script (batch or PowerShell)',
      );
    expect(describeText('hello')).toBe(
      'văn bản không theo định dạng nguồn nào / text in no known feed format',
    );
    expect(describeText(`${'x'.repeat(8000)}\n@ECHO off`)).toBe(
      'văn bản không theo định dạng nguồn nào / text in no known feed format',
    );
  });
});

describe('decodeFeed', () => {
  const enc = (s: string) => new TextEncoder().encode(s);

  it('names binary files by their first bytes', () => {
    const cases: [number[], string][] = [
      [[0x89, 0x50, 0x4e, 0x47, 1], 'ảnh PNG / a PNG image'],
      [[0xff, 0xd8, 0xff, 0], 'ảnh JPEG / a JPEG image'],
      [[0x47, 0x49, 0x46, 0x38, 0x39], 'ảnh GIF / a GIF image'],
      [[0x25, 0x50, 0x44, 0x46, 0x2d], 'tài liệu PDF / a PDF document'],
      [[0x50, 0x4b, 0x03, 0x04], 'tệp nén ZIP (giải nén trước) / a ZIP archive (unzip it first)'],
      [[0x1f, 0x8b, 8], 'tệp nén gzip (giải nén trước) / a gzip archive (unzip it first)'],
      [[0x4d, 0x5a, 0x90], 'chương trình Windows (.exe/.dll) / a Windows executable'],
      [[0x7f, 0x45, 0x4c, 0x46, 2], 'chương trình ELF / an ELF executable'],
    ];
    for (const [bytes, what] of cases)
      expect(decodeFeed(new Uint8Array(bytes)), what).toEqual({ text: '', binary: what });
    // A prefix cut short is no magic.
    expect(decodeFeed(new Uint8Array([0x89, 0x50, 0x4e]))).toEqual({ text: '\ufffdPN' });
    expect(decodeFeed(new Uint8Array([0x4d]))).toEqual({ text: 'M' });
  });

  it('reads UTF-8 with or without BOM, UTF-16 with BOM either way, and BOM-less UTF-16LE', () => {
    expect(decodeFeed(enc('203.0.113.9\n'))).toEqual({ text: '203.0.113.9\n' });
    expect(decodeFeed(new Uint8Array([0xef, 0xbb, 0xbf, ...enc('tên.vn')]))).toEqual({ text: 'tên.vn' });
    const le = (s: string) => [...s].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8]);
    const be = (s: string) => [...s].flatMap((c) => [c.charCodeAt(0) >> 8, c.charCodeAt(0) & 0xff]);
    expect(decodeFeed(new Uint8Array([0xff, 0xfe, ...le('a.vn')]))).toEqual({ text: 'a.vn' });
    expect(decodeFeed(new Uint8Array([0xfe, 0xff, ...be('a.vn')]))).toEqual({ text: 'a.vn' });
    expect(decodeFeed(new Uint8Array(le('ab.vn')))).toEqual({ text: 'ab.vn' });
    // A BOM inside the UTF-16 text after the first one is dropped as well.
    expect(decodeFeed(new Uint8Array(le('\ufeffab')))).toEqual({ text: 'ab' });
    // Three bytes are not enough to guess UTF-16.
    expect(decodeFeed(new Uint8Array([0x61, 0, 0x62]))).toEqual({
      text: '',
      binary: 'dữ liệu nhị phân / binary data',
    });
  });

  it('refuses text with NULs or more than 10 % control characters; text given as a string too', () => {
    expect(decodeFeed(enc('a\u0000b'))).toEqual({ text: '', binary: 'dữ liệu nhị phân / binary data' });
    const ctl = (n: number) => `${'\u0001'.repeat(n)}${'a'.repeat(100 - n)}`;
    expect(decodeFeed(enc(ctl(10)))).toEqual({ text: ctl(10) });
    expect(decodeFeed(enc(ctl(11)))).toEqual({ text: '', binary: 'dữ liệu nhị phân / binary data' });
    // Tabs, line breaks and ESC are not counted.
    expect(decodeFeed(enc('\t\n\r\u001b\u000b\u000c'.repeat(5)))).toEqual({
      text: '\t\n\r\u001b\u000b\u000c'.repeat(5),
    });
    for (const c of ['\u0008', '\u000e', '\u001a', '\u001c', '\u001f'])
      expect(decodeFeed(enc(c.repeat(3))).binary, JSON.stringify(c)).toBe('dữ liệu nhị phân / binary data');
    // Only the first 4 KB are looked at.
    expect(decodeFeed(enc(`${'a'.repeat(4096)}${'\u0001'.repeat(1000)}`)).binary).toBeUndefined();
    expect(decodeFeed('\ufeff203.0.113.9')).toEqual({ text: '203.0.113.9' });
    expect(decodeFeed('a\u0000')).toEqual({ text: 'a\u0000', binary: 'dữ liệu nhị phân / binary data' });
    expect(decodeFeed('')).toEqual({ text: '' });
    expect(decodeFeed(new Uint8Array(0))).toEqual({ text: '' });
  });

  it('splitLines breaks at CRLF, LF and CR', () => {
    expect(splitLines('a\r\nb\nc\rd')).toEqual(['a', 'b', 'c', 'd']);
    expect(splitLines('a\n\r\nb')).toEqual(['a', '', 'b']);
  });
});
