// MISP JSON, every rule in its exact answer (issue 19, mutation testing of misp.ts): the shapes an
// event may come in, the feed manifest, to_ids in all its spellings, each network attribute type,
// severity from the threat level, comments, and the notes on what was left out. Inputs are shaped
// like the CIRCL events and the manifest of test/fixtures/feeds.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../errors';
import { isMispJson, isMispManifest, parseMispJson } from './misp';
import { attr, eventOf } from '../../test/support/feed/misp-events';

const dir = fileURLToPath(new URL('../../test/fixtures/feeds/', import.meta.url));
const fixture = (name: string) => readFileSync(dir + name, 'utf8');

const values = (text: string, options = {}) =>
  parseMispJson(text, 'e.json', options).indicators.map(
    (i) => `${i.kind}:${i.value}${i.port ? `:${i.port}` : ''}`,
  );
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('network attribute types', () => {
  it('ip-dst, ip-src, domain, hostname, url; the type in any case', () => {
    expect(
      values(
        eventOf([
          attr('ip-dst', '198.51.100.1'),
          attr('ip-src', '2001:db8::2'),
          attr('domain', 'Evil.Example'),
          attr('hostname', 'c2.evil.example'),
          attr('url', 'https://dl.evil.example/a.exe'),
          attr('IP-DST', '198.51.100.3'),
          attr('ip-dst', '198.51.100.0/24'),
        ]),
      ),
    ).toEqual([
      'ip:198.51.100.1',
      'ip:2001:db8::2',
      'domain:evil.example',
      'domain:c2.evil.example',
      'url:https://dl.evil.example/a.exe',
      'domain:dl.evil.example',
      'ip:198.51.100.3',
      'cidr:198.51.100.0/24',
    ]);
  });

  it('an address where a name is wanted and a name where an address is wanted are bad values', () => {
    const text = eventOf([
      attr('domain', '198.51.100.1'),
      attr('ip-dst', 'evil.example'),
      attr('hostname', 'a b'),
    ]);
    const r = parseMispJson(text, 'e.json');
    expect(r.indicators).toEqual([]);
    expect(r.errors.map((e) => [e.line, e.message])).toEqual([
      [lineOf(text, '"198.51.100.1"'), expect.stringContaining('MISP domain attribute has an invalid value')],
      [lineOf(text, '"evil.example"'), expect.stringContaining('MISP ip-dst attribute has an invalid value')],
      [lineOf(text, '"a b"'), expect.stringContaining('"a b"')],
    ]);
  });

  it('domain|ip: both halves, split at the last bar; a bad half is an error, the other half kept', () => {
    const text = eventOf([
      attr('domain|ip', 'evil.example|198.51.100.4', { uuid: 'u1' }),
      attr('domain|ip', 'half.example|not-an-ip', { uuid: 'u2' }),
      attr('domain|ip', 'no-bar.example', { uuid: 'u3' }),
    ]);
    const r = parseMispJson(text, 'e.json');
    expect(r.indicators.map((i) => [i.value, i.id])).toEqual([
      ['evil.example', 'u1#evil.example'],
      ['198.51.100.4', 'u1#198.51.100.4'],
      ['half.example', 'u2'],
      ['no-bar.example', 'u3'],
    ]);
    expect(r.errors.map((e) => e.line)).toEqual([lineOf(text, 'not-an-ip'), lineOf(text, 'no-bar')]);
  });

  it('a pair is split at its last bar: an empty first half is an error, the second half still read', () => {
    const text = eventOf([
      attr('domain|ip', '|198.51.100.4', { uuid: 'u1' }),
      attr('domain|ip', 'evil.example|198.51.100.5|x', { uuid: 'u2' }),
      attr('hostname|port', 'a.example|b.example|80', { uuid: 'u3' }),
    ]);
    const r = parseMispJson(text, 'e.json');
    // u2 and u3: the first half holds a bar, so it is no name; nothing is read from them.
    expect(r.indicators.map((i) => [i.value, i.id])).toEqual([['198.51.100.4', 'u1']]);
    expect(r.errors.map((e) => e.line)).toEqual([
      lineOf(text, '"|198.51.100.4"'),
      lineOf(text, '198.51.100.5|x'),
      lineOf(text, 'b.example|80'),
    ]);
  });

  it('ip-dst|port, ip-src|port and hostname|port keep the port; a block or a bad port keeps none', () => {
    expect(
      values(
        eventOf([
          attr('ip-dst|port', '192.0.2.8|8443'),
          attr('ip-src|port', '2001:db8::8|53'),
          attr('hostname|port', 'c2.evil.example|443'),
          attr('ip-dst|port', '198.51.100.0/24|80'),
          attr('ip-dst|port', '192.0.2.9|99999'),
          attr('ip-dst|port', '192.0.2.10'),
          attr('hostname|port', '192.0.2.11|80'),
          attr('ip-dst|port', 'evil.example|80'),
        ]),
      ),
    ).toEqual([
      'ip:192.0.2.8:8443',
      'ip:2001:db8::8:53',
      'domain:c2.evil.example:443',
      'cidr:198.51.100.0/24',
      'ip:192.0.2.9',
      'ip:192.0.2.10',
    ]);
  });

  it('other types are left out and named with their counts in a note, in order of first sight', () => {
    // misp-b-circl-xorist-event.json: a link (to_ids false), an md5 and a regkey|value.
    const r = parseMispJson(fixture('misp-b-circl-xorist-event.json'), 'x.json');
    expect(r.indicators).toEqual([]);
    expect(r.skipped).toBe(3);
    expect(r.notes).toEqual([expect.stringContaining('link ×1, md5 ×1, regkey|value ×1')]);
    const more = parseMispJson(
      eventOf([attr('md5', 'a'), attr('sha256', 'b'), attr('MD5', 'c'), attr('ip-dst', '198.51.100.1')]),
      'e.json',
    );
    expect(more.notes).toEqual([
      expect.stringContaining('not network indicators were left out: md5 ×2, sha256 ×1'),
    ]);
    expect(more.skipped).toBe(3);
    expect(parseMispJson(eventOf([attr('ip-dst', '198.51.100.1')]), 'e.json').notes ?? []).toEqual([]);
  });
});

describe('to_ids, deleted, and what is counted', () => {
  it('to_ids false in every spelling is left out and counted in a note; true in every spelling or unknown is kept', () => {
    const no = [false, 0, '0', 'false'];
    const yes = [true, 1, '1', 'true', 'yes', null, 2];
    const text = eventOf([
      ...no.map((v, i) => attr('ip-dst', `198.51.100.${i + 1}`, { to_ids: v })),
      ...yes.map((v, i) => attr('ip-dst', `203.0.113.${i + 1}`, { to_ids: v })),
      { type: 'ip-dst', value: '192.0.2.1' },
    ]);
    const r = parseMispJson(text, 'e.json');
    expect(r.indicators.map((i) => i.value)).toEqual([
      ...yes.map((_, i) => `203.0.113.${i + 1}`),
      '192.0.2.1',
    ]);
    expect(r.skipped).toBe(4);
    expect(r.notes).toEqual([expect.stringContaining('4 network attributes with to_ids=false')]);
    const all = parseMispJson(text, 'e.json', { mispIncludeNonIds: true });
    expect(all.indicators).toHaveLength(no.length + yes.length + 1);
    expect(all.notes ?? []).toEqual([]);
    expect(all.skipped).toBe(0);
  });

  it('deleted (true or "1") is skipped before anything else; other values are not deleted', () => {
    const r = parseMispJson(
      eventOf([
        attr('ip-dst', '198.51.100.1', { deleted: true }),
        attr('md5', 'x', { deleted: '1' }),
        attr('ip-dst', '198.51.100.2', { deleted: false }),
        attr('ip-dst', '198.51.100.3', { deleted: '0' }),
        attr('ip-dst', '198.51.100.4', { deleted: 1 }),
      ]),
      'e.json',
    );
    expect(r.indicators.map((i) => i.value)).toEqual(['198.51.100.2', '198.51.100.3', '198.51.100.4']);
    expect(r.skipped).toBe(2);
    expect(r.notes ?? []).toEqual([]);
  });

  it('an attribute that is not an object, or has no type or value, is left out without a word', () => {
    const r = parseMispJson(eventOf(['x', null, { value: '198.51.100.1' }, { type: 'ip-dst' }]), 'e.json');
    expect(r.indicators).toEqual([]);
    expect(r.errors.map((e) => e.message)).toEqual([
      expect.stringContaining('MISP ip-dst attribute has an invalid value'),
    ]);
    expect(r.notes).toEqual([expect.stringContaining(' ×1')]);
  });
});

describe('severity, ids and comments', () => {
  it('threat level 1, 2, 3 (string or number) are high, medium, low; 4 and others give none', () => {
    const sev = (level: unknown) =>
      parseMispJson(eventOf([attr('ip-dst', '198.51.100.1')], { threat_level_id: level }), 'e.json')
        .indicators[0]?.severity ?? null;
    expect([sev('1'), sev('2'), sev('3'), sev(1), sev(2), sev(3)]).toEqual([
      'high',
      'medium',
      'low',
      'high',
      'medium',
      'low',
    ]);
    expect([sev('4'), sev(4), sev(null), sev(true), sev(['1']), sev(undefined)]).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
    const r = parseMispJson(eventOf([attr('ip-dst', '198.51.100.1')], { threat_level_id: '9' }), 'e.json');
    expect(r.indicators[0]).not.toHaveProperty('severity');
  });

  it("the attribute's comment, else the event's info, cut to 300 characters; neither gives no comment", () => {
    const long = 'c'.repeat(350);
    const r = parseMispJson(
      eventOf([
        attr('ip-dst', '198.51.100.1', { comment: 'C2 of Xorist' }),
        attr('ip-dst', '198.51.100.2', { comment: '' }),
        attr('ip-dst', '198.51.100.3', { comment: long }),
      ]),
      'e.json',
    );
    expect(r.indicators.map((i) => i.comment)).toEqual([
      'C2 of Xorist',
      'Ransomware - Xorist',
      'c'.repeat(300),
    ]);
    const none = parseMispJson(
      JSON.stringify({ Event: { Attribute: [attr('ip-dst', '198.51.100.1')] } }),
      'e.json',
    );
    expect(none.indicators[0]).not.toHaveProperty('comment');
    expect(none.indicators[0]).not.toHaveProperty('severity');
  });

  it('the uuid is the id; without one, no id', () => {
    const r = parseMispJson(
      eventOf([
        attr('ip-dst', '198.51.100.1', { uuid: 'u1' }),
        { type: 'ip-dst', value: '198.51.100.2', to_ids: true },
      ]),
      'e.json',
    );
    expect(r.indicators.map((i) => (Object.keys(i).includes('id') ? i.id : null))).toEqual(['u1', null]);
  });

  it('each value at its own line, even when the same value came before', () => {
    const text = eventOf([
      attr('ip-dst', '198.51.100.1', { comment: 'first' }),
      attr('domain', 'evil.example'),
      attr('ip-src', '198.51.100.10'),
    ]);
    const r = parseMispJson(text, 'e.json');
    expect(r.indicators.map((i) => [i.value, i.line])).toEqual([
      ['198.51.100.1', lineOf(text, '"198.51.100.1"')],
      ['evil.example', lineOf(text, '"evil.example"')],
      ['198.51.100.10', lineOf(text, '"198.51.100.10"')],
    ]);
  });
});

describe('the shapes of a MISP document', () => {
  const one = { Event: { info: 'a', Attribute: [attr('domain', 'a.example')] } };
  const two = { Event: { info: 'b', Attribute: [attr('domain', 'b.example')] } };

  it('an event, a list of events, a REST response (object or list), a bare object, bare attributes', () => {
    expect(values(JSON.stringify(one))).toEqual(['domain:a.example']);
    expect(values(JSON.stringify([one, two]))).toEqual(['domain:a.example', 'domain:b.example']);
    expect(values(JSON.stringify({ response: [one, two] }))).toEqual([
      'domain:a.example',
      'domain:b.example',
    ]);
    expect(values(JSON.stringify({ response: one }))).toEqual(['domain:a.example']);
    // misp-c1-domain-ip-object.json is a standalone object.
    expect(
      values(JSON.stringify({ Object: { name: 'domain-ip', Attribute: [attr('ip-dst', '198.51.100.1')] } })),
    ).toEqual(['ip:198.51.100.1']);
    expect(values(JSON.stringify({ info: 'x', Attribute: [attr('domain', 'c.example')] }))).toEqual([
      'domain:c.example',
    ]);
    expect(values(JSON.stringify({ uuid: 'x', Attribute: [attr('domain', 'c.example')] }))).toEqual([
      'domain:c.example',
    ]);
    expect(values(JSON.stringify({ Attribute: [attr('domain', 'c.example')] }))).toEqual([
      'domain:c.example',
    ]);
  });

  it("an event's objects: their attributes are read, other entries ignored; one attribute or object alone is read too", () => {
    expect(
      values(
        eventOf([attr('domain', 'a.example')], {
          Object: [
            'not an object',
            { name: 'domain-ip', Attribute: [attr('ip-dst', '198.51.100.1'), attr('domain', 'b.example')] },
            { name: 'empty' },
          ],
        }),
      ),
    ).toEqual(['domain:a.example', 'ip:198.51.100.1', 'domain:b.example']);
    expect(values(eventOf(attr('domain', 'single.example') as unknown as unknown[]))).toEqual([
      'domain:single.example',
    ]);
    expect(values(eventOf([], { Object: { Attribute: attr('ip-dst', '198.51.100.9') } }))).toEqual([
      'ip:198.51.100.9',
    ]);
    expect(values(eventOf(null as unknown as unknown[]))).toEqual([]);
  });

  it('anything else is not a MISP event (line 1)', () => {
    for (const json of [
      [],
      [one, { Attribute: [] }],
      [one, 'x'],
      { Attribute: [], other: 1 },
      { Attribute: {} },
      { Event: 'x' },
      { response: 'x' },
      'x',
      null,
    ]) {
      expect(isMispJson(json), JSON.stringify(json)).toBe(false);
      let e: unknown = null;
      try {
        parseMispJson(JSON.stringify(json), 'x.json');
      } catch (err) {
        e = err;
      }
      expect(e, JSON.stringify(json)).toBeInstanceOf(ParseError);
      expect((e as ParseError).line).toBe(1);
      expect((e as ParseError).message).toContain('the JSON is not a MISP event');
    }
    expect(isMispJson(one)).toBe(true);
    expect(isMispJson({ response: [one] })).toBe(true);
  });
});

describe('the feed manifest', () => {
  it('the real CIRCL manifest: no indicators, one error at line 1 saying how many events it lists', () => {
    const r = parseMispJson(fixture('misp-a-feed-manifest.json'), 'manifest.json');
    expect(r.format).toBe('misp-manifest');
    expect(r.indicators).toEqual([]);
    expect(r.errors).toEqual([
      { file: 'manifest.json', line: 1, message: expect.stringContaining('an index of 1 events') as string },
    ]);
  });

  it('every key a uuid (any case), every entry an object with info, Orgc or timestamp', () => {
    const u1 = '988ce14e-0802-4aa3-92ca-8ca1104e0b38';
    const u2 = '57C4445B-C548-4654-AF0B-4BE3950D210F';
    expect(isMispManifest({ [u1]: { info: 'x' }, [u2]: { Orgc: {} } })).toBe(true);
    expect(isMispManifest({ [u1]: { timestamp: '1' } })).toBe(true);
    expect(
      parseMispJson(JSON.stringify({ [u1]: { info: 'x' }, [u2]: { Orgc: {} } }), 'm.json').errors[0]?.message,
    ).toContain('an index of 2 events');
    expect(isMispManifest({})).toBe(false);
    expect(isMispManifest({ [u1]: { info: 'x' }, other: { info: 'y' } })).toBe(false);
    expect(isMispManifest({ [`${u1}0`]: { info: 'x' } })).toBe(false);
    expect(isMispManifest({ [`x${u1}`]: { info: 'x' } })).toBe(false);
    expect(isMispManifest({ [u1]: { date: '2024-08-27' } })).toBe(false);
    expect(isMispManifest({ [u1]: 'info' })).toBe(false);
    expect(isMispManifest([{ info: 'x' }])).toBe(false);
    expect(isMispManifest(null)).toBe(false);
    expect(isMispJson({ [u1]: { info: 'x' } })).toBe(true);
  });
});
