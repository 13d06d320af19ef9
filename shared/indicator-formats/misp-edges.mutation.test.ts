// MISP events at their edges (issue 19, survivors of the feed-json-misp Stryker run of 2026-12-02
// 20:41 UTC): a pair whose halves are of the wrong kind or that has no uuid, a port that is not a
// port, a value named in the info or a comment before it stands as the value, attributes without a
// type or a value, and a null in an event's object list.
import { describe, expect, it } from 'vitest';
import { parseMispJson } from './misp';
import { attr, eventOf } from '../../test/support/feed/misp-events';

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('MISP attributes at their edges', () => {
  it('domain|ip: an address in the name half is a bad value, not a domain; the address half is still read', () => {
    const text = eventOf([
      attr('domain|ip', '198.51.100.4|198.51.100.5', { uuid: 'u1' }),
      attr('domain|ip', 'evil.example|relay.evil.example', { uuid: 'u2' }),
    ]);
    const r = parseMispJson(text, 'e.json');
    expect(r.indicators.map((i) => [i.kind, i.value, i.id])).toEqual([
      ['ip', '198.51.100.5', 'u1'],
      ['domain', 'evil.example', 'u2'],
    ]);
    expect(r.errors.map((e) => [e.line, e.message])).toEqual([
      [
        lineOf(text, '"198.51.100.4|198.51.100.5"'),
        'thuộc tính MISP kiểu domain|ip có giá trị không hợp lệ "198.51.100.4|198.51.100.5" ' +
          '(MISP domain|ip attribute has an invalid value; it was skipped)',
      ],
      [
        lineOf(text, '"evil.example|relay.evil.example"'),
        expect.stringContaining('MISP domain|ip attribute'),
      ],
    ]);
  });

  it('domain|ip without a uuid: both halves read, neither with an id', () => {
    const r = parseMispJson(eventOf([{ type: 'domain|ip', value: 'evil.example|198.51.100.4' }]), 'e.json');
    expect(r.indicators.map((i) => i.value)).toEqual(['evil.example', '198.51.100.4']);
    for (const i of r.indicators) expect(i, i.value).not.toHaveProperty('id');
  });

  it('an address with a bad or missing port is the bare address: no port at all, not a null one', () => {
    const text = eventOf([
      attr('ip-dst|port', '192.0.2.9|99999', { uuid: 'u1' }),
      attr('hostname|port', 'c2.evil.example|http', { uuid: 'u2' }),
      attr('ip-src|port', '192.0.2.10', { uuid: 'u3' }),
    ]);
    const r = parseMispJson(text, 'e.json');
    const common = { comment: 'Ransomware - Xorist', severity: 'low' };
    expect(r.indicators).toEqual([
      { kind: 'ip', value: '192.0.2.9', line: lineOf(text, '192.0.2.9|'), id: 'u1', ...common },
      { kind: 'domain', value: 'c2.evil.example', line: lineOf(text, 'c2.evil'), id: 'u2', ...common },
      { kind: 'ip', value: '192.0.2.10', line: lineOf(text, '"192.0.2.10"'), id: 'u3', ...common },
    ]);
    for (const i of r.indicators) expect(i, i.value).not.toHaveProperty('port');
    expect(r.errors).toEqual([]);
  });

  it("a value's line is where it stands as the value, not where the event's info or a comment names it first", () => {
    const text = eventOf(
      [
        attr('domain', 'evil.example'),
        attr('ip-dst', '198.51.100.7', { comment: 'C2 198.51.100.7, seen 2016-08-29' }),
      ],
      { info: 'Xorist C2 at evil.example' },
    );
    expect(lineOf(text, 'Xorist C2 at evil.example')).toBeLessThan(lineOf(text, '"evil.example"'));
    expect(lineOf(text, 'C2 198.51.100.7')).toBeLessThan(lineOf(text, '"198.51.100.7"'));
    const r = parseMispJson(text, 'e.json');
    expect(r.indicators.map((i) => [i.value, i.line])).toEqual([
      ['evil.example', lineOf(text, '"evil.example"')],
      ['198.51.100.7', lineOf(text, '"198.51.100.7"')],
    ]);
  });

  it('an attribute without a value is a bad value quoted as empty', () => {
    const r = parseMispJson(eventOf([{ type: 'ip-dst', to_ids: true }]), 'e.json');
    expect(r.indicators).toEqual([]);
    expect(r.errors.map((e) => e.message)).toEqual([
      'thuộc tính MISP kiểu ip-dst có giá trị không hợp lệ "" ' +
        '(MISP ip-dst attribute has an invalid value; it was skipped)',
    ]);
  });

  it('attributes without a type (or with a type that is not text) are counted together under an empty name', () => {
    const r = parseMispJson(
      eventOf([{ value: 'evil.example' }, { type: 7, value: 'x' }, attr('md5', 'a')]),
      'e.json',
    );
    expect(r.indicators).toEqual([]);
    expect(r.skipped).toBe(3);
    expect(r.notes).toEqual([
      'bỏ qua các thuộc tính không phải địa chỉ mạng: "" ×2, md5 ×1 ' +
        '(attributes that are not network indicators were left out: "" ×2, md5 ×1)',
    ]);
  });

  it("a null entry in an event's object list is ignored like any other non-object; the rest is read", () => {
    const r = parseMispJson(
      eventOf([], { Object: [null, { name: 'domain-ip', Attribute: [attr('ip-dst', '198.51.100.1')] }] }),
      'e.json',
    );
    expect(r.indicators.map((i) => i.value)).toEqual(['198.51.100.1']);
    expect(r.errors).toEqual([]);
  });
});
