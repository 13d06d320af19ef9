// Property tests: whatever the records and whichever display language ipconfig used, printing
// them the way Windows does and parsing the text gives the records back; the hosts parser never
// throws and every record points at a real line of its input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalDomain } from './domain';
import { canonicalIp } from './ip';
import { parseDnsClientCache, parseIpconfigDisplayDns } from '../parsers/dns-cache';
import { parseHostsFile } from '../parsers/hosts-file';

// Label sets as the English, German, Korean, French and Japanese builds print them.
const LABELS = [
  [
    'Record Name . . . . .',
    'Record Type . . . . .',
    'Time To Live  . . . .',
    'Data Length . . . . .',
    'Section . . . . . . .',
  ],
  [
    'Eintragsname . . . . .',
    'Eintragstyp  . . . . .',
    'Gültigkeitsdauer . . .',
    'Datenlänge . . . . . .',
    'Abschnitt. . . . . . .',
  ],
  [
    '레코드 이름 . . . . .',
    '레코드 유형 . . . . .',
    'TTL(Time To Live) . .',
    '데이터 길이 . . . . .',
    '섹션 . . . . . . . .',
  ],
  [
    'Nom d’enregistrement .',
    'Type d’enregistrement.',
    'Durée de vie . . . . .',
    'Longueur de données .',
    'Section. . . . . . . .',
  ],
  [
    'レコード名 . . . . . .',
    'レコードの種類 . . . .',
    'Time To Live . . . . .',
    'データの長さ . . . . .',
    'セクション . . . . . .',
  ],
];
const SECTION = ['Answer', 'Antwort', '응답', 'Réponse', '回答'];

const name = fc
  .domain()
  .map((d) => canonicalDomain(d))
  .filter((d): d is string => d !== null);
const record = fc.oneof(
  fc.record({ type: fc.constant('A' as const), num: fc.constant(1), name, data: fc.ipV4() }),
  fc.record({ type: fc.constant('AAAA' as const), num: fc.constant(28), name, data: fc.ipV6() }),
  fc.record({ type: fc.constant('CNAME' as const), num: fc.constant(5), name, data: name }),
);

describe('parseIpconfigDisplayDns round trip', () => {
  it('gives back every record, in any of five languages, with LF or CRLF', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(record, fc.nat(86400)), { maxLength: 12 }),
        fc.integer({ min: 0, max: LABELS.length - 1 }),
        fc.boolean(),
        (records, lang, crlf) => {
          const labels = LABELS[lang];
          const lines = ['Windows IP Configuration', ''];
          for (const [r, ttl] of records) {
            lines.push(`    ${r.name}`, '    ----------------------------------------');
            const values = [r.name, String(r.num), String(ttl), r.type === 'A' ? '4' : '16', SECTION[lang]];
            labels.forEach((l, i) => lines.push(`    ${l} : ${values[i]}`));
            lines.push(`    ${r.type} Record . . . . . : ${r.data}`, '', '');
          }
          const parsed = parseIpconfigDisplayDns(lines.join(crlf ? '\r\n' : '\n'), 'x');
          expect(parsed.errors).toEqual([]);
          expect(parsed.records.map((r) => [r.name, r.data, r.ttl])).toEqual(
            records.map(([r, ttl]) => [r.name, r.type === 'CNAME' ? r.data : canonicalIp(r.data), ttl]),
          );
        },
      ),
    );
  });
});

describe('parseDnsClientCache round trip', () => {
  it('gives back rows printed in the default Format-Table layout (names that fit the column)', () => {
    const short = name.filter((n) => n.length <= 25);
    const row = fc.record({ name: short, data: fc.ipV4(), ttl: fc.nat(999_999) });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 10 }), (rows) => {
        const text = [
          'Entry                     RecordName                Record Status    Section TimeTo Data   Data',
          '                                                    Type                     Live   Length',
          '-----                     ----------                ------ ------    ------- ------ ------ ----',
          ...rows.map(
            (r) =>
              `${r.name.padEnd(26)}${r.name.padEnd(26)}A      Success   Answer  ${String(r.ttl).padStart(6)}      4 ${r.data}`,
          ),
        ].join('\r\n');
        const parsed = parseDnsClientCache(text, 'x');
        expect(parsed.errors).toEqual([]);
        const unique = [...new Map(rows.map((r) => [`${r.name} ${r.data}`, r])).values()];
        expect(parsed.records.map((r) => [r.name, r.data])).toEqual(unique.map((r) => [r.name, r.data]));
      }),
    );
  });
});

describe('parseHostsFile on arbitrary text', () => {
  it('never throws, and every record and issue points at a line of the input', () => {
    const line = fc.oneof(
      fc.string(),
      fc
        .tuple(fc.oneof(fc.ipV4(), fc.ipV6()), fc.array(name, { maxLength: 3 }))
        .map(([ip, ns]) => `${ip} ${ns.join(' ')}`),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 20 }), (lines) => {
        const text = lines.join('\n');
        const count = text.split(/\r?\n|\r/).length;
        const r = parseHostsFile(text, 'h');
        for (const rec of r.records) {
          expect(rec.line).toBeGreaterThanOrEqual(1);
          expect(rec.line).toBeLessThanOrEqual(count);
          expect(canonicalIp(rec.data)).toBe(rec.data);
          expect(canonicalDomain(rec.name)).toBe(rec.name);
        }
        for (const e of r.errors) expect(e.line).toBeLessThanOrEqual(count);
      }),
    );
  });
});
