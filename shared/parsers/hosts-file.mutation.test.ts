// Edges of the hosts-file parser and of the DNS capture detection that mutation testing (issue 19)
// showed no test pinned down.
import { describe, expect, it } from 'vitest';
import { parseHostsFile } from './hosts-file';
import { parseDnsCacheText } from './dns-cache';

describe('parseHostsFile messages and evidence', () => {
  it('says what is wrong with the line, clipping a long token to 60 characters', () => {
    const long = 'x'.repeat(61);
    const text = [
      '203.0.113.9',
      `${long} a.example`,
      `203.0.113.9 ${'y'.repeat(60)}!`,
      'not-an-ip a.example',
    ].join('\n');
    const { records, errors } = parseHostsFile(text, 'hosts');
    expect(records).toEqual([]);
    expect(errors).toEqual([
      { file: 'hosts', line: 1, message: 'no host name after 203.0.113.9; line ignored' },
      {
        file: 'hosts',
        line: 2,
        message: `"${'x'.repeat(57)}..." is not an IP address; a hosts line is "ADDRESS NAME [NAME...]"; line ignored`,
      },
      { file: 'hosts', line: 3, message: `"${'y'.repeat(57)}..." is not a host name; name ignored` },
      {
        file: 'hosts',
        line: 4,
        message: '"not-an-ip" is not an IP address; a hosts line is "ADDRESS NAME [NAME...]"; line ignored',
      },
    ]);
  });

  it('keeps a token of exactly 60 characters whole in the message', () => {
    const sixty = 'z'.repeat(60);
    expect(parseHostsFile(sixty, 'hosts').errors[0].message.startsWith(`"${sixty}" is not`)).toBe(true);
  });

  it('keeps the line trimmed as evidence, after a BOM', () => {
    const { records, errors } = parseHostsFile('\uFEFF\t203.0.113.9   evil.example  \t', 'hosts');
    expect(errors).toEqual([]);
    expect(records[0].text).toBe('203.0.113.9   evil.example');
    // Past the start, U+FEFF is only white space (as \s and trim() take it): it separates names.
    expect(parseHostsFile('203.0.113.9 a.ex\uFEFFample', 'hosts').records.map((r) => r.name)).toEqual([
      'a.ex',
      'ample',
    ]);
  });
});

describe('parseDnsCacheText: the list form needs both Entry and Data lines', () => {
  it('reads a block with RecordName and Data but no Entry as ipconfig output (nothing)', () => {
    expect(
      parseDnsCacheText('RecordName : a.example\nRecordType : A\nData : 203.0.113.9', 'x').records,
    ).toEqual([]);
    expect(parseDnsCacheText('Entry : a.example\nRecordType : A\nValue : 203.0.113.9', 'x').records).toEqual(
      [],
    );
  });
});
