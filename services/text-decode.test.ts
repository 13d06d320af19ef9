import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeCommandOutput, oemCodePageForLocale } from './text-decode';
import { UserError } from '../shared/errors';
import { parseNetstat } from '../shared/parsers/netstat';

const fixture = (path: string) => readFileSync(new URL(`../test/fixtures/${path}`, import.meta.url), 'utf8');
const withBom = (bom: number[], body: Buffer) => new Uint8Array(Buffer.concat([Buffer.from(bom), body]));

describe('decodeCommandOutput', () => {
  // The German capture as netstat wrote it: "ABHÖREN" in CP850, where Ö is byte 0x99.
  const german = fixture('netstat/an-de-cp850-mojibake.txt').replaceAll('ABH™REN', 'ABHÖREN');

  it('decodes the OEM code page of a German console (CP850) and the state then reads as LISTEN', () => {
    const bytes = new Uint8Array(iconv.encode(german, 'cp850'));
    expect(bytes.includes(0x99)).toBe(true);
    const text = decodeCommandOutput(bytes, { codePage: 850 });
    expect(text).toBe(german);
    expect(parseNetstat(text).rows[0]).toMatchObject({ localPort: 102, state: 'LISTEN' });
  });

  it('decodes CP437 by default: the Spanish `-nabo` file before it was mis-read as Latin-1', () => {
    const original = fixture('netstat/nabo-es-mojibake.txt').replaceAll('¢', 'ó');
    const bytes = new Uint8Array(iconv.encode(original, 'cp437'));
    const text = decodeCommandOutput(bytes);
    expect(text).toContain('Dirección local');
    expect(text).toContain('No se puede obtener información de propiedad');
  });

  it('decodes Vietnamese CP1258, whose tones are combining marks', () => {
    const decomposed = 'Kê\u0301t nô\u0301i đang hoa\u0323t đô\u0323ng';
    const bytes = new Uint8Array(iconv.encode(decomposed, 'cp1258'));
    expect(decodeCommandOutput(bytes, { codePage: 1258 }).normalize('NFC')).toBe('Kết nối đang hoạt động');
  });

  it('decodes UTF-16LE and UTF-16BE by their BOM (PowerShell redirection)', () => {
    const french = fixture('netstat/anb-fr.txt');
    const le = withBom([0xff, 0xfe], iconv.encode(french, 'utf-16le'));
    const be = withBom([0xfe, 0xff], iconv.encode(french, 'utf-16be'));
    expect(decodeCommandOutput(le)).toBe(french);
    expect(decodeCommandOutput(be)).toBe(french);
    expect(parseNetstat(decodeCommandOutput(le)).rows).toHaveLength(20);
  });

  it('decodes UTF-16LE whose BOM was cut off', () => {
    const english = fixture('netstat/ano-en-htb.txt');
    expect(decodeCommandOutput(new Uint8Array(iconv.encode(english, 'utf-16le')))).toBe(english);
  });

  it('decodes UTF-8 with and without BOM, and keeps the already-mojibaked captures as they are', () => {
    const french = fixture('netstat/anb-fr.txt');
    expect(decodeCommandOutput(withBom([0xef, 0xbb, 0xbf], Buffer.from(french, 'utf8')))).toBe(french);
    const mojibake = fixture('netstat/an-de-cp850-mojibake.txt');
    const text = decodeCommandOutput(new Uint8Array(Buffer.from(mojibake, 'utf8')), { codePage: 850 });
    expect(text).toBe(mojibake);
    expect(text).toContain('ABH™REN');
  });

  it('refuses a code page it cannot decode instead of guessing, saying what to use', () => {
    const decode = () => decodeCommandOutput(new Uint8Array([0x41]), { codePage: 12345 });
    expect(decode).toThrow(UserError);
    expect(decode).toThrow(/12345/);
  });
});

describe('oemCodePageForLocale', () => {
  it('guesses the OEM code page Windows uses for a locale', () => {
    expect(oemCodePageForLocale('vi-VN')).toBe(1258);
    expect(oemCodePageForLocale('de-DE')).toBe(850);
    expect(oemCodePageForLocale('en-US')).toBe(437);
    expect(oemCodePageForLocale('ja-JP')).toBe(932);
    expect(oemCodePageForLocale('zh-TW')).toBe(950);
    expect(oemCodePageForLocale('zh-CN')).toBe(936);
    expect(oemCodePageForLocale('xx')).toBe(437);
  });
});
