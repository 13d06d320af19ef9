// Format detection and decoding at their edges (issue 19, survivors of the feed-csv-detect Stryker
// run of 2026-12-02 20:20 UTC): where each tell-tale must stand (the box's first 2,000 characters,
// the start of the text or of a line), the majority vote at its bounds, and bytes that only look
// like UTF-16 or carry a BOM more than once.
import { describe, expect, it } from 'vitest';
import { describeText, detectFormat } from './detect';
import { decodeFeed } from './decode';

const TEXT = { format: 'unknown', looksLike: 'msg.formats.looks.text' };
const HTML = { format: 'unknown', looksLike: 'msg.formats.looks.html' };
const BINARY = { text: '', binary: 'dữ liệu nhị phân / binary data', binaryCode: 'msg.formats.looks.binary' };

describe('detectFormat: where the tell-tales must stand', () => {
  it("an abuse.ch name is read only in the box at the top, not in a list's later notes", () => {
    const list = `${'203.0.113.9\n'.repeat(200)}# 198.51.100.7 came from Feodo Tracker\n198.51.100.7\n`;
    expect(list.indexOf('Feodo')).toBeGreaterThan(2000);
    expect(detectFormat(list)).toEqual({ format: 'plain' });
  });

  it('a URLhaus header without the blank after "#" names the dump, even with unquoted rows', () => {
    expect(
      detectFormat('#id,dateadded,url,url_status\n1,2019-01-21,http://evil.example/x.exe,online\n'),
    ).toEqual({ format: 'urlhaus-csv' });
  });

  it('a headerless abuse.ch row: quoted from its first field (blanks before it allowed)', () => {
    expect(detectFormat('  "2021-01-17","203.0.113.9","443","online","2021-08-18","Emotet"')).toEqual({
      format: 'feodo-csv',
    });
    // A firewall log in CSV with a quoted note at the end is no Feodo blocklist.
    expect(detectFormat('2026-11-23,203.0.113.9,443,ALLOW,TCP,"note"')).toEqual(TEXT);
  });

  it('a list whose comment quotes a MISP event is a list, not MISP', () => {
    expect(
      detectFormat('# from MISP, "Event": "Emotet wave of 2026-11"\n203.0.113.9\n198.51.100.7\n'),
    ).toEqual({ format: 'plain' });
  });

  it('a "<" decides "HTML" only at the start of the text', () => {
    // An error page around a list is a page, whatever most of its lines are.
    expect(
      detectFormat('<html><body><pre>\n203.0.113.9\n198.51.100.7\n203.0.113.10\n</pre></body></html>'),
    ).toEqual(HTML);
    // A maintainer's address in angle brackets, or a tag left on the first line, is not a page.
    expect(detectFormat('# Maintainer: Nguyễn Văn A <a@example.vn>\n203.0.113.9\n198.51.100.7\n')).toEqual({
      format: 'plain',
    });
    expect(detectFormat('203.0.113.9<br>\n198.51.100.7\n198.51.100.8\n')).toEqual({ format: 'plain' });
  });
});

describe('detectFormat: the majority vote', () => {
  it('400 data lines are sampled, not 401: half of them is no majority', () => {
    const ips = Array.from({ length: 200 }, (_, i) => `203.0.113.${i}`).join('\n');
    const junk = Array(200).fill('not an indicator at all').join('\n');
    expect(detectFormat(`${ips}\n${junk}\n198.51.100.7\n198.51.100.8\n`)).toEqual(TEXT);
  });

  it('hosts lines with a short alias after the full name are hosts lines', () => {
    expect(
      detectFormat('192.168.1.10 nas.home.example nas\n192.168.1.11 printer.home.example printer\n'),
    ).toEqual({ format: 'hosts' });
  });

  it('an address list whose notes name domains is a plain list, not a hosts file', () => {
    const list = '203.0.113.9 ; resolves to evil.example\n198.51.100.7 ; resolves to c2.example\n';
    expect(detectFormat(list)).toEqual({ format: 'plain' });
  });

  it('hosts lines that are only half the text are no hosts file', () => {
    expect(detectFormat('0.0.0.0 evil.example\n0.0.0.0 c2.example\nnot an indicator\nnor this one')).toEqual(
      TEXT,
    );
  });
});

describe('describeText: where the tell-tales must stand', () => {
  it('HTML by its first tag, the doctype with any blanks', () => {
    expect(describeText('<!DOCTYPE  html>\n<html lang="vi">')).toBe('msg.formats.looks.html');
    expect(describeText('<!doctype\r\nhtml>')).toBe('msg.formats.looks.html');
    // A batch script that writes a page is a script.
    expect(describeText('ECHO ^<html^> >> report.htm')).toBe('msg.formats.looks.script');
  });

  it('netstat by a line that starts with the protocol, not a script that looks for one', () => {
    expect(
      describeText('netstat -ano | findstr /c:"TCP    0.0.0.0:445    0.0.0.0:0" >> open-ports.txt'),
    ).toBe('msg.formats.looks.script');
  });

  it('tasklist CSV re-saved with blanks around the commas', () => {
    expect(describeText('"svchost.exe", "1044", "Services", "0", "12.345 K"')).toBe(
      'msg.formats.looks.tasklist',
    );
    expect(describeText('"svchost.exe" ,"1044" ,"Services"')).toBe('msg.formats.looks.tasklist');
  });
});

describe('decodeFeed: bytes that only look like UTF-16, and stacked BOMs', () => {
  const le = (s: string) => [...s].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8]);

  it('four bytes of ASCII-looking UTF-16LE are enough to read it', () => {
    expect(decodeFeed(new Uint8Array(le('ab')))).toEqual({ text: 'ab' });
  });

  it('a zero byte that is not every second byte is binary, not UTF-16', () => {
    // Zero in the fourth byte only, and in the second byte only.
    expect(decodeFeed(new Uint8Array([0x61, 0x62, 0x63, 0x00, 0x64, 0x65]))).toEqual(BINARY);
    expect(decodeFeed(new Uint8Array([0x61, 0x00, 0x62, 0x63, 0x64, 0x65]))).toEqual(BINARY);
  });

  it('a UTF-8 file that tools gave three BOMs reads without any', () => {
    const bom = [0xef, 0xbb, 0xbf];
    expect(
      decodeFeed(new Uint8Array([...bom, ...bom, ...bom, ...new TextEncoder().encode('203.0.113.9')])),
    ).toEqual({ text: '203.0.113.9' });
  });

  it('a Node without the UTF-16BE decoder (small-ICU build) does not throw: the bytes read as UTF-8', () => {
    const Real = globalThis.TextDecoder;
    class SmallIcu extends Real {
      constructor(label?: string, options?: TextDecoderOptions) {
        if (label === 'utf-16be') throw new RangeError(`The "${label}" encoding is not supported`);
        super(label, options);
      }
    }
    globalThis.TextDecoder = SmallIcu;
    try {
      // "a.vn" as UTF-16BE: read as UTF-8 it holds NULs, so it is refused as binary.
      expect(decodeFeed(new Uint8Array([0xfe, 0xff, 0, 0x61, 0, 0x2e, 0, 0x76, 0, 0x6e]))).toEqual(BINARY);
      // "!a" as UTF-16BE holds no NUL once read as UTF-8.
      expect(decodeFeed(new Uint8Array([0xfe, 0xff, 0x21, 0x61]))).toEqual({ text: '!a' });
    } finally {
      globalThis.TextDecoder = Real;
    }
  });
});
