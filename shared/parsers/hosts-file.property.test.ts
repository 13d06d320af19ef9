// Model-based (issue 19): a hosts file printed from generated mappings (Windows' own comment block,
// a BOM, tabs, several names a line, trailing comments, CRLF) parses back to exactly one record per
// generated name, in order, each with its line and that line's text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHostsFile } from './hosts-file';

const octet = fc.integer({ min: 0, max: 255 });
const ipv4 = fc.tuple(octet, octet, octet, octet).map((p) => p.join('.'));
const address = fc.oneof(ipv4, fc.constantFrom('::1', '::', '2001:db8::5', 'fe80::1'));
// A DNS label: a letter, then alphanumeric runs joined by single hyphens (never "xn--", which is punycode).
const label = fc
  .tuple(fc.stringMatching(/^[a-z]$/), fc.array(fc.stringMatching(/^[a-z0-9]{1,4}$/), { maxLength: 3 }))
  .map(([first, runs]) => first + runs.join('-'));
const name = fc
  .tuple(
    fc.array(label, { minLength: 1, maxLength: 3 }),
    fc.constantFrom('com', 'vn', 'example', 'adobe.com'),
  )
  .map(([l, tld]) => [...l, tld].join('.'));

describe('parseHostsFile properties', () => {
  it('parses a generated hosts file back to one record per name, with line and text', () => {
    const mapping = fc.record({
      address,
      names: fc.array(name, { minLength: 1, maxLength: 4 }),
      sep: fc.constantFrom(' ', '\t', '    '),
      upper: fc.boolean(),
      comment: fc.option(fc.constantFrom('# crack', '#blocked by KMSpico', '# Đã chặn')),
      before: fc.option(fc.constantFrom('', '# 127.0.0.1 commented.example', '#\t::1 localhost', '   ')),
    });
    fc.assert(
      fc.property(
        fc.array(mapping, { minLength: 1, maxLength: 25 }),
        fc.boolean(),
        fc.constantFrom('\n', '\r\n'),
        (maps, bom, nl) => {
          const lines = [
            '# Copyright (c) 1993-2009 Microsoft Corp.',
            '#',
            '# localhost name resolution is handled within DNS itself.',
          ];
          const expected: object[] = [];
          for (const m of maps) {
            if (m.before !== null) lines.push(m.before);
            const printed = m.names.map((n) => (m.upper ? n.toUpperCase() : n));
            const text = `${m.address}${m.sep}${printed.join(m.sep)}${m.comment === null ? '' : ` ${m.comment}`}`;
            lines.push(text);
            for (const n of m.names)
              expected.push({
                name: n,
                type: m.address.includes(':') ? 'AAAA' : 'A',
                data: m.address,
                origin: 'hosts-file',
                file: 'hosts',
                line: lines.length,
                text: text.trim(),
              });
          }
          const { records, errors } = parseHostsFile((bom ? '\uFEFF' : '') + lines.join(nl), 'hosts');
          expect(errors).toEqual([]);
          expect(records).toEqual(expected.map((e) => ({ ...e, ttl: null })));
        },
      ),
      { numRuns: 1_000 },
    );
  });
});
