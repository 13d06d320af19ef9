// Windows log parsers field by field (issue 19, mutation testing of windows-firewall.ts,
// windows-dns.ts and windows-events.ts): real-shaped lines, each record's fields and time, the
// lines each parser must skip or refuse, and the byte fast path against parse().
import { describe, expect, it } from 'vitest';
import { LogRecord, Outcome } from './record';
import type { QuickProbe, TimeContext } from './record';
import { WindowsFirewallParser, v4At } from './windows-firewall';
import { WindowsDnsParser, decodeWireName } from './windows-dns';
import { WindowsEventCsvParser, WindowsEventXmlParser, eventXmlFields } from './windows-events';
import { recordFields } from '../../test/support/hunt/helpers';

const VN: TimeContext = { offsetMinutes: 420, referenceMs: Date.UTC(2026, 11, 1) };
const UTC: TimeContext = { offsetMinutes: 0, referenceMs: 0 };
const enc = (s: string) => new TextEncoder().encode(s);
/** Epoch ms of a Vietnam wall-clock time. */
const vn = (y: number, mo: number, d: number, h: number, mi: number, s: number) =>
  Date.UTC(y, mo - 1, d, h, mi, s) - 420 * 60_000;

const fields = recordFields;

describe('Windows Firewall log', () => {
  const line = '2026-11-23 08:15:02 ALLOW TCP 10.1.2.3 203.0.113.9 51514 443 0 - 0 0 0 - - - SEND 4728';

  it('reads the classic columns, protocol lower-cased, local time of the log', () => {
    const p = new WindowsFirewallParser(VN);
    const rec = new LogRecord();
    expect(p.parse(line, rec)).toBe(Outcome.Record);
    expect(fields(rec)).toEqual({
      src: '10.1.2.3',
      srcPort: '51514',
      dst: '203.0.113.9',
      dstPort: '443',
      proto: 'tcp',
      domain: '',
      hostname: '',
    });
    expect(rec.time()).toBe(vn(2026, 11, 23, 8, 15, 2));
  });

  it('skips comment lines and empty lines; a #Fields line reorders the columns', () => {
    const p = new WindowsFirewallParser(UTC);
    const rec = new LogRecord();
    expect(p.parse('#Version: 1.5', rec)).toBe(Outcome.Skip);
    expect(p.parse('', rec)).toBe(Outcome.Skip);
    // A (made-up but legal) order: the time first, addresses last.
    expect(p.parse('#Fields: time date protocol dst-port src-port dst-ip src-ip', rec)).toBe(Outcome.Skip);
    expect(p.parse('09:00:01 2026-11-24 UDP 53 50000 198.51.100.7 10.9.9.9', rec)).toBe(Outcome.Record);
    expect(fields(rec)).toMatchObject({
      src: '10.9.9.9',
      dst: '198.51.100.7',
      srcPort: '50000',
      dstPort: '53',
      proto: 'udp',
    });
    // The date column is the second field: the time text starts there.
    expect(rec.timeText.startsWith('2026-11-24 UDP')).toBe(true);
  });

  it('keeps the columns when a #Fields line lacks either address, and reads "#Fields:" exactly', () => {
    const p = new WindowsFirewallParser(UTC);
    const rec = new LogRecord();
    p.parse('#Fields: date time action protocol dst-ip', rec);
    p.parse('#Fields date time src-ip dst-ip', rec);
    p.parse('#fields: src-ip dst-ip', rec);
    expect(p.parse(line, rec)).toBe(Outcome.Record);
    expect([rec.src, rec.dst]).toEqual(['10.1.2.3', '203.0.113.9']);
  });

  it('reads #Fields with extra blanks, the pid column included', () => {
    const p = new WindowsFirewallParser(UTC);
    const rec = new LogRecord();
    p.parse(
      '#Fields:   date time action protocol src-ip dst-ip src-port dst-port size tcpflags tcpsyn tcpack tcpwin icmptype icmpcode info path pid  ',
      rec,
    );
    expect(p.parse(line, rec)).toBe(Outcome.Record);
    expect(fields(rec)).toMatchObject({ src: '10.1.2.3', dst: '203.0.113.9', dstPort: '443' });
  });

  it('refuses a line with too few fields, saying why', () => {
    const p = new WindowsFirewallParser(UTC);
    const rec = new LogRecord();
    expect(p.parse('2026-11-23 08:15:02 ALLOW TCP 10.1.2.3 203.0.113.9 51514', rec)).toBe(Outcome.Bad);
    expect(p.lastError).toBe(
      'dòng tường lửa Windows không đọc được (too few fields) / unreadable Windows Firewall line (too few fields)',
    );
    // Exactly the fields needed (up to dst-port) is enough.
    expect(p.parse('2026-11-23 08:15:02 ALLOW TCP 10.1.2.3 203.0.113.9 51514 443', rec)).toBe(Outcome.Record);
    expect(fields(rec).dstPort).toBe('443');
  });

  it('reads times of several days and refuses impossible clocks', () => {
    const p = new WindowsFirewallParser(UTC);
    const rec = new LogRecord();
    const timeOf = (t: string) => {
      p.parse(`${t} ALLOW TCP 10.1.2.3 203.0.113.9 51514 443`, rec);
      return rec.time();
    };
    expect(timeOf('2026-11-23 23:59:60')).toBe(Date.UTC(2026, 10, 23, 23, 59, 60));
    expect(timeOf('2026-11-24 00:00:00')).toBe(Date.UTC(2026, 10, 24));
    expect(timeOf('2026-11-23 00:00:01')).toBe(Date.UTC(2026, 10, 23, 0, 0, 1));
    for (const bad of [
      '2026-11-23 24:00:00',
      '2026-11-23 23:60:00',
      '2026-11-23 23:59:61',
      '2026-11-23 xx:00:00',
      '2026-11-23 00:xx:00',
      '2026-11-23 00:00:xx',
      '2026/11/23 08:15:02',
      '2026-11-23T08:15:02',
      '2026-11-23 08-15:02',
    ])
      expect(timeOf(bad), bad).toBeNaN();
  });

  it('reads an address in the first column when #Fields puts it there', () => {
    const p = new WindowsFirewallParser(UTC);
    const rec = new LogRecord();
    p.parse('#Fields: src-ip dst-ip date time protocol src-port dst-port', rec);
    expect(p.parse('10.1.2.3 203.0.113.9 2026-11-23 08:15:02 TCP 51514 443', rec)).toBe(Outcome.Record);
    expect(fields(rec)).toMatchObject({ src: '10.1.2.3', dst: '203.0.113.9', proto: 'tcp' });
    expect(rec.time()).toBe(Date.UTC(2026, 10, 23, 8, 15, 2));
    p.parse('#Fields: dst-ip src-ip protocol date time', rec);
    expect(p.parse('203.0.113.9 10.1.2.3 TCP 2026-11-23 08:15:02', rec)).toBe(Outcome.Record);
    expect(fields(rec)).toMatchObject({ src: '10.1.2.3', dst: '203.0.113.9', proto: 'tcp' });
  });

  describe('quickMiss (the byte fast path) says "miss" only when parse() would agree', () => {
    const never: QuickProbe = { mayMatchV4: () => false, timeFiltered: false };
    const quick = (p: WindowsFirewallParser, text: string, probe = never) => {
      const b = enc(`xx${text}yy`);
      return p.quickMiss(b, 2, 2 + text.length, probe);
    };

    it('leaves to parse() an address field with anything after the dotted quad (the scanner reads each address as it scans)', () => {
      const p = new WindowsFirewallParser(UTC);
      const line = (src: string, dst: string) =>
        `2026-11-23 08:15:02 ALLOW TCP ${src} ${dst} 49152 443 0 - 0 0 0 - - - SEND 4`;
      expect(quick(p, line('10.1.2.3', '203.0.113.9'))).toBe(true);
      for (const [src, dst] of [
        ['10.1.2.3x', '203.0.113.9'],
        ['10.1.2.3', '203.0.113.9x'],
        ['10.1.2.3/24', '203.0.113.9'],
        ['10.1.2.3', '203.0.113.9:443'],
        ['10.1.2.3.', '203.0.113.9'],
      ])
        expect(quick(p, line(src, dst)), `${src} ${dst}`).toBe(false);
    });

    it('misses a plain line whose two addresses are on no indicator, and asks the probe for both', () => {
      const p = new WindowsFirewallParser(UTC);
      const asked: number[] = [];
      const probe: QuickProbe = { mayMatchV4: (a) => (asked.push(a >>> 0), false), timeFiltered: false };
      expect(quick(p, line, probe)).toBe(true);
      expect(asked).toEqual([0xcb007109, 0x0a010203]);
    });

    it('is not sure when either address may match', () => {
      const p = new WindowsFirewallParser(UTC);
      expect(quick(p, line, { mayMatchV4: (a) => a >>> 0 === 0xcb007109, timeFiltered: false })).toBe(false);
      expect(quick(p, line, { mayMatchV4: (a) => a >>> 0 === 0x0a010203, timeFiltered: false })).toBe(false);
    });

    it('is not sure of comments, empty lines, short lines and non-IPv4 addresses', () => {
      const p = new WindowsFirewallParser(UTC);
      expect(quick(p, '#Fields: date time')).toBe(false);
      expect(quick(p, '')).toBe(false);
      expect(quick(p, '2026-11-23 08:15:02 ALLOW TCP 10.1.2.3 203.0.113.9 51514')).toBe(false);
      expect(quick(p, line.replace('10.1.2.3', '2001:db8::1'))).toBe(false);
      expect(quick(p, line.replace('203.0.113.9', 'example.com'))).toBe(false);
      // The minimal line (up to dst-port) is enough, as for parse().
      expect(quick(p, '2026-11-23 08:15:02 ALLOW TCP 10.1.2.3 203.0.113.9 51514 443')).toBe(true);
    });

    it('follows the columns of #Fields', () => {
      const p = new WindowsFirewallParser(UTC);
      const rec = new LogRecord();
      p.parse('#Fields: src-ip dst-ip date time protocol src-port dst-port', rec);
      const asked: number[] = [];
      const probe: QuickProbe = { mayMatchV4: (a) => (asked.push(a >>> 0), false), timeFiltered: false };
      expect(quick(p, '10.1.2.3 203.0.113.9 2026-11-23 08:15:02 TCP 51514 443', probe)).toBe(true);
      expect(asked).toEqual([0xcb007109, 0x0a010203]);
      expect(quick(p, '10.1.2.3 203.0.113.9 2026-11-23 08:15:02 TCP 51514')).toBe(false);
    });

    it('with a time filter, misses only a line of the day already read whose clock is valid', () => {
      const p = new WindowsFirewallParser(UTC);
      const filtered: QuickProbe = { mayMatchV4: () => false, timeFiltered: true };
      // No day read yet: not sure.
      expect(quick(p, line, filtered)).toBe(false);
      const rec = new LogRecord();
      p.parse(line, rec);
      expect(rec.time()).toBe(Date.UTC(2026, 10, 23, 8, 15, 2));
      expect(quick(p, line, filtered)).toBe(true);
      expect(quick(p, line.replace('08:15:02', '23:59:60'), filtered)).toBe(true);
      expect(quick(p, line.replace('08:15:02', '00:00:00'), filtered)).toBe(true);
      for (const t of [
        '24:15:02',
        '08:60:02',
        '08:15:61',
        '0x:15:02',
        '08:1x:02',
        '08:15:x2',
        '08-15:02',
        '08:15-02',
      ])
        expect(quick(p, line.replace('08:15:02', t), filtered), t).toBe(false);
      expect(quick(p, line.replace('2026-11-23 ', '2026-11-23T'), filtered)).toBe(false);
      expect(quick(p, line.replace('2026-11-23', '2026/11-23'), filtered)).toBe(false);
      // Another day: its start is not known yet.
      expect(quick(p, line.replace('2026-11-23', '2026-11-24'), filtered)).toBe(false);
      expect(quick(p, line.replace('2026-11-23', '2026-11-03'), filtered)).toBe(false);
      expect(quick(p, line.replace('2026-11-23', '2025-11-23'), filtered)).toBe(false);
      // A line too short to hold a time after its date column.
      p.parse('#Fields: src-ip dst-ip protocol src-port dst-port date', rec);
      expect(quick(p, '10.1.2.3 203.0.113.9 TCP 1 2 2026-11-23 08', filtered)).toBe(false);
      expect(quick(p, '10.1.2.3 203.0.113.9 TCP 1 2 2026-11-23 08:15:02', filtered)).toBe(true);
      // Without a time filter the clock is not looked at.
      expect(quick(p, '10.1.2.3 203.0.113.9 TCP 1 2 2026-11-23 08')).toBe(true);
    });

    it('with a time filter, is not sure after a day whose start did not read', () => {
      const p = new WindowsFirewallParser(UTC);
      const rec = new LogRecord();
      const bad = line.replace('2026-11-23', '2026-13-23');
      p.parse(bad, rec);
      expect(rec.time()).toBeNaN();
      expect(quick(p, bad, { mayMatchV4: () => false, timeFiltered: true })).toBe(false);
    });
  });

  it('v4At reads exactly a dotted quad', () => {
    const at = (s: string) => v4At(enc(`<${s}>`), 1, 1 + s.length);
    expect(at('203.0.113.9')).toBe(0xcb007109);
    expect(at('0.0.0.0')).toBe(0);
    expect(at('255.255.255.255')).toBe(0xffffffff);
    expect(at('10.1.2.30')).toBe(0x0a01021e);
    for (const bad of [
      '256.1.1.1',
      '1.2.3',
      '1.2.3.4.5',
      '01.2.3.4',
      '1.2.3.04',
      '1..2.3',
      '1.2.3.',
      '.1.2.3',
      '1.2.3.4x',
      '1.2.3.4 ',
      '1000.2.3.4',
      '1.2.3.1000',
      '',
      'a.b.c.d',
      '1.2.3:4',
      '1/2.3.4',
    ])
      expect(at(bad), bad).toBe(-1);
  });

  // Added after the Stryker run of 2026-12-02 (log-windows-firewall 86.0 %): the survivors that a
  // real-shaped line or buffer can tell apart from the parser as written.
  describe('survivors of the first mutation run', () => {
    const never: QuickProbe = { mayMatchV4: () => false, timeFiltered: false };
    const filtered: QuickProbe = { mayMatchV4: () => false, timeFiltered: true };
    /** quickMiss on `text` placed in a buffer between `before` and `after` bytes. */
    const quickIn = (
      p: WindowsFirewallParser,
      before: string,
      text: string,
      after: string,
      probe = never,
    ) => {
      const b = enc(`${before}${text}${after}`);
      const start = enc(before).length;
      return p.quickMiss(b, start, start + enc(text).length, probe);
    };
    /** A parser that has read one line of 23/11/2026 (its day start is known). */
    const dayRead = () => {
      const p = new WindowsFirewallParser(UTC);
      const rec = new LogRecord();
      p.parse(line, rec);
      expect(rec.time()).toBe(Date.UTC(2026, 10, 23, 8, 15, 2));
      return p;
    };

    it('splits #Fields on runs of blanks inside the line too', () => {
      const p = new WindowsFirewallParser(UTC);
      const rec = new LogRecord();
      p.parse('#Fields: date time action  protocol src-ip\tdst-ip src-port dst-port', rec);
      expect(p.parse(line, rec)).toBe(Outcome.Record);
      expect(fields(rec)).toMatchObject({
        src: '10.1.2.3',
        dst: '203.0.113.9',
        dstPort: '443',
        proto: 'tcp',
      });
    });

    it('a line that starts with a blank has an empty first field (read, not refused), and the fast path is not sure of it', () => {
      const p = new WindowsFirewallParser(UTC);
      const rec = new LogRecord();
      expect(p.parse(` ${line}`, rec)).toBe(Outcome.Record);
      // Every column moves one to the right: the address columns hold the protocol and the source.
      expect([rec.src, rec.dst]).toEqual(['TCP', '10.1.2.3']);
      expect(quickIn(p, 'xx', ` ${line}`, 'yy')).toBe(false);
    });

    it('never counts a comment line, even one whose fifth and sixth words are addresses', () => {
      const p = new WindowsFirewallParser(UTC);
      const rec = new LogRecord();
      const comment = '#Note: a b c 10.1.2.3 203.0.113.9 51514 443';
      expect(p.parse(comment, rec)).toBe(Outcome.Skip);
      expect(quickIn(p, 'xx', comment, 'yy')).toBe(false);
    });

    it('the DHCP broadcast 0.0.0.0 → 255.255.255.255 is a plain miss', () => {
      const p = new WindowsFirewallParser(UTC);
      const dhcp = '2026-11-23 08:15:02 ALLOW UDP 0.0.0.0 255.255.255.255 68 67 0 - - - - - - - RECEIVE 1100';
      const asked: number[] = [];
      const probe: QuickProbe = { mayMatchV4: (a) => (asked.push(a >>> 0), false), timeFiltered: false };
      expect(quickIn(p, 'xx', dhcp, 'yy', probe)).toBe(true);
      expect(asked).toEqual([0xffffffff, 0]);
      const back = '2026-11-23 08:15:02 ALLOW UDP 10.1.2.1 0.0.0.0 67 68 0 - - - - - - - SEND 1100';
      expect(quickIn(p, 'xx', back, 'yy')).toBe(true);
    });

    it('an address in the last field ends at the line, not at the line break after it', () => {
      const p = new WindowsFirewallParser(UTC);
      const rec = new LogRecord();
      p.parse('#Fields: date time action protocol src-port dst-port src-ip dst-ip', rec);
      const last = '2026-11-23 08:15:02 ALLOW TCP 51514 443 10.1.2.3 203.0.113.9';
      expect(p.parse(last, rec)).toBe(Outcome.Record);
      expect(fields(rec)).toMatchObject({ src: '10.1.2.3', dst: '203.0.113.9', dstPort: '443' });
      expect(quickIn(p, '', last, '\r\n')).toBe(true);
      expect(quickIn(p, '', last, '7\n')).toBe(true);
    });

    it('v4At stops at the end it is given, whatever byte follows', () => {
      expect(v4At(enc('10.1.2.34'), 0, 8)).toBe(0x0a010203);
      expect(v4At(enc('10.1.2.3 x'), 0, 8)).toBe(0x0a010203);
    });

    it('with a time filter, reads the first line of a buffer (offset 0)', () => {
      const p = dayRead();
      expect(quickIn(p, '', line, '\n', filtered)).toBe(true);
    });

    it('with a time filter, does not read a clock past the end of the line (a reused read buffer)', () => {
      const p = dayRead();
      const rec = new LogRecord();
      p.parse('#Fields: src-ip dst-ip protocol src-port dst-port date', rec);
      // The line ends inside its clock; the stale bytes after it would complete it.
      for (const [cut, stale] of [
        ['2026-11-23 08:15:0', '2'],
        ['2026-11-23 08:15', ':02'],
        ['2026-11-23 08', ':15:02'],
      ]) {
        const text = `10.1.2.3 203.0.113.9 TCP 1 2 ${cut}`;
        expect(p.parse(text, rec)).toBe(Outcome.Record);
        expect(rec.time(), cut).toBeNaN();
        expect(quickIn(p, '', text, stale, filtered), cut).toBe(false);
      }
    });

    it('with a time filter, a date joined to its clock by "T" does not read (as time() says)', () => {
      const p = dayRead();
      const rec = new LogRecord();
      const joined = '2026-11-23T08:15:02 x ALLOW TCP 10.1.2.3 203.0.113.9 51514 443';
      expect(p.parse(joined, rec)).toBe(Outcome.Record);
      expect(rec.time()).toBeNaN();
      expect(quickIn(p, 'xx', joined, 'yy', filtered)).toBe(false);
      expect(quickIn(p, 'xx', joined, 'yy')).toBe(true);
    });

    it('with a time filter, a clock with a character just below "0" or just above "9" does not read', () => {
      const p = dayRead();
      const rec = new LogRecord();
      for (const t of ['1/:15:02', '08:1/:02', '08:15:1/', '0;:15:02', '08:0;:02', '08:15:0;', '08:15:0:']) {
        const text = line.replace('08:15:02', t);
        expect(p.parse(text, rec)).toBe(Outcome.Record);
        expect(rec.time(), t).toBeNaN();
        expect(quickIn(p, 'xx', text, 'yy', filtered), t).toBe(false);
      }
    });
  });
});

describe('Windows DNS Server debug log', () => {
  const q = (date: string, dir = 'Rcv', r = ' ', op = 'Q', name = '(3)www(7)example(3)com(0)') =>
    `${date} 0E40 PACKET  000001D2A8F0C1E0 UDP ${dir} 10.1.2.3        a1b2 ${r} ${op} [0001   D   NOERROR] A      ${name}`;

  it('reads a client query: who asked, for which name, over UDP to port 53', () => {
    const p = new WindowsDnsParser(VN);
    const rec = new LogRecord();
    expect(p.parse(q('11/23/2026 8:15:02 AM'), rec)).toBe(Outcome.Record);
    expect(fields(rec)).toEqual({
      src: '10.1.2.3',
      srcPort: '',
      dst: '',
      dstPort: '53',
      proto: 'udp',
      domain: 'www.example.com',
      hostname: '',
    });
    expect(rec.time()).toBe(vn(2026, 11, 23, 8, 15, 2));
  });

  it('skips answers, sent packets, updates, notifies and the header', () => {
    const p = new WindowsDnsParser(UTC);
    const rec = new LogRecord();
    expect(p.parse(q('11/23/2026 8:15:02 AM', 'Snd'), rec)).toBe(Outcome.Skip);
    expect(p.parse(q('11/23/2026 8:15:02 AM', 'Rcv', 'R'), rec)).toBe(Outcome.Skip);
    expect(p.parse(q('11/23/2026 8:15:02 AM', 'Rcv', ' ', 'U'), rec)).toBe(Outcome.Skip);
    expect(p.parse(q('11/23/2026 8:15:02 AM', 'Rcv', ' ', 'N'), rec)).toBe(Outcome.Skip);
    expect(p.parse('DNS Server log file creation at 11/23/2026 8:00:00 AM', rec)).toBe(Outcome.Skip);
    expect(p.parse('11/23/2026 8:15:02 AM 0E40 EVENT   The DNS server has started.', rec)).toBe(Outcome.Skip);
  });

  it('refuses a packet line with too few fields or a broken wire name, saying why', () => {
    const p = new WindowsDnsParser(UTC);
    const rec = new LogRecord();
    expect(p.parse('11/23/2026 8:15:02 AM 0E40 PACKET  000001D2A8F0C1E0 UDP Rcv 10.1.2.3 a1b2', rec)).toBe(
      Outcome.Bad,
    );
    expect(p.lastError).toBe(
      'dòng nhật ký DNS Windows không đọc được (too few fields) / unreadable Windows DNS debug line (too few fields)',
    );
    expect(p.parse(q('11/23/2026 8:15:02 AM', 'Rcv', ' ', 'Q', '(3)www(9)example(0)'), rec)).toBe(
      Outcome.Bad,
    );
    expect(p.lastError).toBe(
      'dòng nhật ký DNS Windows không đọc được (name "(3)www(9)example(0)") / unreadable Windows DNS debug line (name "(3)www(9)example(0)")',
    );
    // Seven fields (no flags, no R): the shortest packet line read; six are too few.
    expect(p.parse('11/23/2026 8:15:02 AM 0E40 PACKET  000001D2A8F0C1E0 TCP Rcv 10.1.2.3 a1b2 Q', rec)).toBe(
      Outcome.Bad,
    );
    expect(
      p.parse('11/23/2026 8:15:02 AM 0E40 PACKET  000001D2A8F0C1E0 TCP Rcv 10.1.2.3 a1b2 x Q (1)a(0)', rec),
    ).toBe(Outcome.Skip);
    expect(
      p.parse('11/23/2026 8:15:02 AM 0E40 PACKET  000001D2A8F0C1E0 TCP Rcv 10.1.2.3 a1b2 Q (1)a(0)', rec),
    ).toBe(Outcome.Record);
    expect(fields(rec)).toMatchObject({ proto: 'tcp', domain: 'a' });
  });

  it('decodes wire names, and refuses counts that do not add up', () => {
    expect(decodeWireName('(3)www(7)example(3)com(0)')).toBe('www.example.com');
    expect(decodeWireName('(2)vn(0)')).toBe('vn');
    // The root alone reads as the empty name.
    expect(decodeWireName('(0)')).toBe('');
    // A name cut before its root label still reads.
    expect(decodeWireName('(3)www(7)example')).toBe('www.example');
    expect(decodeWireName('(11)abcdefghijk(0)')).toBe('abcdefghijk');
    for (const bad of ['', '(3)ww(0)', '(3)www(0)x', 'x(3)www(0)', '(3www(0)', '(a)www(0)', '()www(0)'])
      expect(decodeWireName(bad), bad).toBeNull();
  });

  it('reads 12-hour US dates and 24-hour day-first dates, ISO dates too', () => {
    const timeOf = (date: string, p = new WindowsDnsParser(UTC)) => {
      const rec = new LogRecord();
      expect(p.parse(q(date), rec)).toBe(Outcome.Record);
      return rec.time();
    };
    expect(timeOf('11/23/2026 8:15:02 AM')).toBe(Date.UTC(2026, 10, 23, 8, 15, 2));
    expect(timeOf('11/23/2026 8:15:02 PM')).toBe(Date.UTC(2026, 10, 23, 20, 15, 2));
    expect(timeOf('11/23/2026 12:15:02 AM')).toBe(Date.UTC(2026, 10, 23, 0, 15, 2));
    expect(timeOf('11/23/2026 12:15:02 PM')).toBe(Date.UTC(2026, 10, 23, 12, 15, 2));
    expect(timeOf('11/23/2026 8:15:02 pm')).toBe(Date.UTC(2026, 10, 23, 20, 15, 2));
    expect(timeOf('11/23/2026 8:15:02PM')).toBe(Date.UTC(2026, 10, 23, 20, 15, 2));
    expect(timeOf('11/23/2026 13:15:02 PM')).toBeNaN();
    expect(timeOf('11/23/2026 0:15:02 AM')).toBeNaN();
    // 24-hour: day first (vi-VN), whatever the order of the numbers alone suggests.
    expect(timeOf('23/11/2026 20:15:02')).toBe(Date.UTC(2026, 10, 23, 20, 15, 2));
    expect(timeOf('05/11/2026 20:15:02')).toBe(Date.UTC(2026, 10, 5, 20, 15, 2));
    expect(timeOf('05.11.2026 20:15:02')).toBe(Date.UTC(2026, 10, 5, 20, 15, 2));
    expect(timeOf('05-11-2026 20:15:02')).toBe(Date.UTC(2026, 10, 5, 20, 15, 2));
    expect(timeOf('2026-11-05 20:15:02')).toBe(Date.UTC(2026, 10, 5, 20, 15, 2));
    expect(timeOf('2026-11-05T20:15:02')).toBe(Date.UTC(2026, 10, 5, 20, 15, 2));
    expect(timeOf('  2026-11-05 20:15:02')).toBe(Date.UTC(2026, 10, 5, 20, 15, 2));
    expect(timeOf('Nov 5 2026 20:15:02')).toBeNaN();
  });

  it('reads only what the log itself wrote: the opening "(", a line that starts with PACKET, a date at the start', () => {
    expect(decodeWireName('a3)www(0)')).toBeNull();
    const p = new WindowsDnsParser(UTC);
    const rec = new LogRecord();
    expect(p.parse(' PACKET  000001D2A8F0C1E0 UDP Rcv 10.1.2.3 a1b2 Q (1)a(0)', rec)).toBe(Outcome.Record);
    expect(rec.domain).toBe('a');
    expect(rec.time()).toBeNaN();
    expect(p.parse(`x ${q('11/23/2026 8:15:02 AM')}`, rec)).toBe(Outcome.Record);
    expect(rec.time()).toBeNaN();
  });

  it('a first part of 12 says nothing about the order (12 is a month and a day)', () => {
    const p = new WindowsDnsParser(UTC);
    const rec = new LogRecord();
    p.parse(q('12/05/2026 8:15:02 AM'), rec);
    expect(rec.time()).toBe(Date.UTC(2026, 11, 5, 8, 15, 2));
    p.parse(q('05/11/2026 8:15:02 AM'), rec);
    expect(rec.time()).toBe(Date.UTC(2026, 4, 11, 8, 15, 2));
  });

  it('learns the order of day and month from the file, once', () => {
    const p = new WindowsDnsParser(UTC);
    const rec = new LogRecord();
    // A 24-hour file written month first (a line with 13+ in the second part shows it).
    p.parse(q('11/23/2026 20:15:02'), rec);
    expect(rec.time()).toBe(Date.UTC(2026, 10, 23, 20, 15, 2));
    p.parse(q('11/05/2026 20:15:02'), rec);
    expect(rec.time()).toBe(Date.UTC(2026, 10, 5, 20, 15, 2));
    // Learnt once: a later line cannot flip it.
    p.parse(q('23/11/2026 20:15:02'), rec);
    expect(rec.time()).toBeNaN();

    const d = new WindowsDnsParser(UTC);
    // An AM/PM file written day first.
    d.parse(q('23/11/2026 8:15:02 PM'), rec);
    expect(rec.time()).toBe(Date.UTC(2026, 10, 23, 20, 15, 2));
    d.parse(q('05/11/2026 8:15:02 PM'), rec);
    expect(rec.time()).toBe(Date.UTC(2026, 10, 5, 20, 15, 2));

    // Neither part above 12: nothing learnt, the next line still decides.
    const u = new WindowsDnsParser(UTC);
    u.parse(q('05/11/2026 20:15:02'), rec);
    expect(rec.time()).toBe(Date.UTC(2026, 10, 5, 20, 15, 2));
    u.parse(q('11/23/2026 20:15:02'), rec);
    expect(rec.time()).toBe(Date.UTC(2026, 10, 23, 20, 15, 2));
    u.parse(q('05/11/2026 20:15:02'), rec);
    expect(rec.time()).toBe(Date.UTC(2026, 4, 11, 20, 15, 2));

    // Learnt from a skipped line (an answer) too, and not from a non-date start.
    const s = new WindowsDnsParser(UTC);
    s.parse(
      'x 11/23/2026 8:15:02 AM 0E40 PACKET  000001D2A8F0C1E0 UDP Snd 10.1.2.3 a1b2 R Q [8081 DR NOERROR] A (1)a(0)',
      rec,
    );
    s.parse(q('23/11/2026 8:15:02 AM', 'Snd'), rec);
    s.parse(q('05/11/2026 8:15:02 AM'), rec);
    expect(rec.time()).toBe(Date.UTC(2026, 10, 5, 8, 15, 2));
  });

  it('learns nothing from a second part of exactly 12, nor from a date with a two-digit year', () => {
    const rec = new LogRecord();
    // 05/12: 12 is a month and a day; a 24-hour file stays day first (5 December).
    const p = new WindowsDnsParser(UTC);
    p.parse(q('05/12/2026 20:15:02'), rec);
    expect(rec.time()).toBe(Date.UTC(2026, 11, 5, 20, 15, 2));
    p.parse(q('05/11/2026 20:15:02'), rec);
    expect(rec.time()).toBe(Date.UTC(2026, 10, 5, 20, 15, 2));
    // A server whose short date has a two-digit year ("23/11/26"): the line does not read as a
    // date, so it teaches no order; an AM/PM line after it is still month first (11 May).
    const y = new WindowsDnsParser(UTC);
    y.parse(q('23/11/26 8:15:02 AM'), rec);
    expect(rec.time()).toBeNaN();
    y.parse(q('05/11/2026 8:15:02 AM'), rec);
    expect(rec.time()).toBe(Date.UTC(2026, 4, 11, 8, 15, 2));
  });

  it('reads an ISO date only at the start of the line', () => {
    const p = new WindowsDnsParser(UTC);
    const rec = new LogRecord();
    expect(p.parse(`x ${q('2026-11-05 20:15:02')}`, rec)).toBe(Outcome.Record);
    expect(rec.time()).toBeNaN();
    expect(p.parse(q('2026-11-05 20:15:02'), rec)).toBe(Outcome.Record);
    expect(rec.time()).toBe(Date.UTC(2026, 10, 5, 20, 15, 2));
  });
});

describe('Windows event exports', () => {
  const sysmon3 =
    '<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="Microsoft-Windows-Sysmon"/><EventID>3</EventID>' +
    '<TimeCreated SystemTime="2026-11-23T01:15:03.1234567Z"/><Computer>PC-KETOAN-01</Computer></System><EventData>' +
    '<Data Name="UtcTime">2026-11-23 01:15:02.345</Data><Data Name="Image">C:\\Program Files\\KMSpico\\KMSELDI.exe</Data>' +
    '<Data Name="Protocol">tcp</Data><Data Name="SourceIp">10.1.2.3</Data><Data Name="SourceHostname">-</Data>' +
    '<Data Name="SourcePort">51514</Data><Data Name="DestinationIp">203.0.113.9</Data>' +
    '<Data Name="DestinationHostname">c2.evil.example</Data><Data Name="DestinationPort">443</Data></EventData></Event>';

  it('reads a Sysmon network connection: addresses, ports, name, computer, evidence and UtcTime', () => {
    const p = new WindowsEventXmlParser();
    const rec = new LogRecord();
    expect(p.parse(sysmon3, rec)).toBe(Outcome.Record);
    expect(fields(rec)).toEqual({
      src: '10.1.2.3',
      srcPort: '51514',
      dst: '203.0.113.9',
      dstPort: '443',
      proto: 'tcp',
      domain: 'c2.evil.example',
      hostname: 'PC-KETOAN-01',
    });
    expect(rec.evidence).toBe(
      'EventID 3 PC-KETOAN-01: 10.1.2.3:51514 → 203.0.113.9:443 c2.evil.example C:\\Program Files\\KMSpico\\KMSELDI.exe',
    );
    expect(rec.time()).toBe(Date.UTC(2026, 10, 23, 1, 15, 2, 345));
    expect(rec.spanLines).toBe(0);
  });

  it('falls back to SystemTime, SourceHostname, no name for "-", upper-case protocol lowered', () => {
    const xml = sysmon3
      .replace('<Data Name="UtcTime">2026-11-23 01:15:02.345</Data>', '')
      .replace('<Computer>PC-KETOAN-01</Computer>', '')
      .replace('<Data Name="SourceHostname">-</Data>', '<Data Name="SourceHostname">PC-02</Data>')
      .replace('c2.evil.example', '-')
      .replace('>tcp<', '>TCP<');
    const p = new WindowsEventXmlParser();
    const rec = new LogRecord();
    expect(p.parse(xml, rec)).toBe(Outcome.Record);
    expect(fields(rec)).toMatchObject({ hostname: 'PC-02', domain: '', proto: 'tcp' });
    expect(rec.evidence).toBe(
      'EventID 3: 10.1.2.3:51514 → 203.0.113.9:443 C:\\Program Files\\KMSpico\\KMSELDI.exe',
    );
    expect(rec.time()).toBe(Date.UTC(2026, 10, 23, 1, 15, 3, 123));
  });

  it('reads a Sysmon DNS query (22) and a Security 5156 with numeric protocol', () => {
    const p = new WindowsEventXmlParser();
    const rec = new LogRecord();
    const q =
      '<Event><System><EventID>22</EventID><Computer>PC-01</Computer></System><EventData><Data Name="QueryName">c2.evil.example</Data>' +
      '<Data Name="Image">C:\\x.exe</Data></EventData></Event>';
    expect(p.parse(q, rec)).toBe(Outcome.Record);
    expect(fields(rec)).toMatchObject({
      domain: 'c2.evil.example',
      hostname: 'PC-01',
      proto: 'dns',
      src: '',
      dst: '',
    });
    expect(rec.evidence).toBe('EventID 22 PC-01: c2.evil.example C:\\x.exe');
    const wfp = (proto: string) =>
      `<Event><System><EventID>5156</EventID><Computer>SRV</Computer></System><EventData><Data Name="Application">\\device\\x.exe</Data>` +
      `<Data Name="SourceAddress">10.1.2.3</Data><Data Name="SourcePort">51514</Data><Data Name="DestAddress">203.0.113.9</Data>` +
      `<Data Name="DestPort">443</Data><Data Name="Protocol">${proto}</Data></EventData></Event>`;
    for (const [n, name] of [
      ['6', 'tcp'],
      ['17', 'udp'],
      ['1', 'icmp'],
      ['58', 'icmpv6'],
      ['47', '47'],
    ]) {
      expect(p.parse(wfp(n), rec)).toBe(Outcome.Record);
      expect(fields(rec)).toMatchObject({
        src: '10.1.2.3',
        dst: '203.0.113.9',
        dstPort: '443',
        proto: name,
        hostname: 'SRV',
      });
    }
    expect(rec.evidence).toBe('EventID 5156 SRV: 10.1.2.3:51514 → 203.0.113.9:443 \\device\\x.exe');
  });

  it('skips other events and events without the fields that make them a connection', () => {
    const p = new WindowsEventXmlParser();
    const rec = new LogRecord();
    expect(p.parse('<Event><System><EventID>1</EventID></System></Event>', rec)).toBe(Outcome.Skip);
    expect(
      p.parse(
        '<Event><System><EventID>3</EventID></System><EventData><Data Name="SourceIp">1.2.3.4</Data></EventData></Event>',
        rec,
      ),
    ).toBe(Outcome.Skip);
    expect(p.parse('<Event><System><EventID>22</EventID></System></Event>', rec)).toBe(Outcome.Skip);
    expect(
      p.parse(
        '<Event><System><EventID>5156</EventID></System><EventData><Data Name="SourceAddress">1.2.3.4</Data></EventData></Event>',
        rec,
      ),
    ).toBe(Outcome.Skip);
    expect(p.parse('<?xml version="1.0" encoding="UTF-8"?>', rec)).toBe(Outcome.Skip);
    expect(p.parse('<Events>', rec)).toBe(Outcome.Skip);
    expect(p.parse('<EventData>', rec)).toBe(Outcome.Skip);
  });

  it('reads an event spread over lines, and several events on one line', () => {
    const p = new WindowsEventXmlParser();
    const rec = new LogRecord();
    const parts = sysmon3.replace(/></g, '>\n<').split('\n');
    const outs = parts.map((l) => p.parse(l, rec));
    expect(outs.slice(0, -1).every((o) => o === Outcome.Skip)).toBe(true);
    expect(outs.at(-1)).toBe(Outcome.Record);
    expect(rec.spanLines).toBe(parts.length - 1);
    expect(fields(rec).dst).toBe('203.0.113.9');

    const two = `<Events>${sysmon3}<Event>\t<System><EventID>1</EventID></System></Event>${sysmon3.replace('203.0.113.9', '198.51.100.1')}</Events>`;
    expect(p.parse(two, rec)).toBe(Outcome.Record);
    expect(fields(rec).dst).toBe('203.0.113.9');
    expect(rec.spanLines).toBe(0);
    expect(p.next(rec)).toBe(Outcome.Record);
    expect(fields(rec).dst).toBe('198.51.100.1');
    expect(p.next(rec)).toBeNull();
    // The next line starts afresh.
    expect(p.parse('</Events>', rec)).toBe(Outcome.Skip);
    expect(p.parse(sysmon3, rec)).toBe(Outcome.Record);
  });

  it('reads events opened with attributes or white space after <Event, and ends a split one on its own line', () => {
    const p = new WindowsEventXmlParser();
    const rec = new LogRecord();
    for (const open of ['<Event>', '<Event xmlns="x">', '<Event\txmlns="x">', '<Event\n', '<Event\r'])
      expect(
        p.parse(sysmon3.replace(/^<Event[^>]*>/, open.endsWith('>') ? open : `${open}>`), rec),
        open,
      ).toBe(Outcome.Record);
    expect(p.parse('<Event', rec)).toBe(Outcome.Skip);
    expect(p.parse('<EventX>', rec)).toBe(Outcome.Skip);
    // A second event that starts on the line where the first ends is kept for the next lines.
    const [head, tail] = [sysmon3.slice(0, 200), sysmon3.slice(200)];
    expect(p.parse(`${sysmon3}${head}`, rec)).toBe(Outcome.Record);
    expect(p.parse(tail, rec)).toBe(Outcome.Record);
    expect(rec.spanLines).toBe(1);
  });

  it('drops an event over 1 MB with a warning and starts afresh', () => {
    const p = new WindowsEventXmlParser();
    const rec = new LogRecord();
    expect(p.parse('<Event><System>', rec)).toBe(Outcome.Skip);
    const big = 'x'.repeat(1 << 20);
    expect(p.parse(big, rec)).toBe(Outcome.Bad);
    expect(p.lastError).toBe('sự kiện quá dài (trên 1 MB) / event too long (over 1 MB)');
    expect(p.parse(sysmon3, rec)).toBe(Outcome.Record);
    expect(rec.spanLines).toBe(0);
  });

  it('eventXmlFields reads entities, empty data and single quotes', () => {
    const f = eventXmlFields(
      `<EventID Qualifiers="0"> 5156 </EventID><Computer>A&amp;B&lt;&gt;&quot;&apos;&#65;&#x42;&bogus;</Computer>` +
        `<TimeCreated  SystemTime = '2026-11-23T01:15:03Z'/><Data Name='Empty'/><Data Name = "X" >v&amp;w</Data>`,
    );
    expect(Object.fromEntries(f)).toEqual({
      EventID: '5156',
      Computer: 'A&B<>"\'AB&bogus;',
      SystemTime: '2026-11-23T01:15:03Z',
      Empty: '',
      X: 'v&w',
    });
  });

  it('decodes an entity at the very start of a value', () => {
    expect(eventXmlFields('<Computer>&amp;PC-01</Computer>').get('Computer')).toBe('&PC-01');
    expect(eventXmlFields('<Data Name="Image">&#67;:\\x.exe</Data>').get('Image')).toBe('C:\\x.exe');
  });

  it('an event with only the fields that make it a connection: the others stay empty, the evidence says only what is there', () => {
    const p = new WindowsEventXmlParser();
    const rec = new LogRecord();
    const bare3 =
      '<Event><System><EventID>3</EventID></System><EventData><Data Name="DestinationIp">203.0.113.9</Data></EventData></Event>';
    expect(p.parse(bare3, rec)).toBe(Outcome.Record);
    expect(fields(rec)).toEqual({
      src: '',
      srcPort: '',
      dst: '203.0.113.9',
      dstPort: '',
      proto: '',
      domain: '',
      hostname: '',
    });
    expect(rec.evidence).toBe('EventID 3: → 203.0.113.9:');
    expect(rec.timeText).toBe('');
    expect(rec.time()).toBeNaN();
    const bare5156 =
      '<Event><System><EventID>5156</EventID></System><EventData><Data Name="DestAddress">203.0.113.9</Data></EventData></Event>';
    expect(p.parse(bare5156, rec)).toBe(Outcome.Record);
    expect(fields(rec)).toEqual({
      src: '',
      srcPort: '',
      dst: '203.0.113.9',
      dstPort: '',
      proto: '',
      domain: '',
      hostname: '',
    });
    expect(rec.evidence).toBe('EventID 5156: → 203.0.113.9:');
    const bare22 =
      '<Event><System><EventID>22</EventID></System><EventData><Data Name="QueryName">c2.evil.example</Data></EventData></Event>';
    expect(p.parse(bare22, rec)).toBe(Outcome.Record);
    expect(fields(rec)).toMatchObject({ domain: 'c2.evil.example', hostname: '', proto: 'dns' });
    expect(rec.evidence).toBe('EventID 22: c2.evil.example');
  });

  it('reads an event pretty-printed over lines, an attribute on its own line', () => {
    const p = new WindowsEventXmlParser();
    const rec = new LogRecord();
    const pretty = [
      '<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">',
      '  <System>',
      '    <EventID>3</EventID>',
      '    <TimeCreated',
      '        SystemTime="2026-11-23T01:15:03.5Z"/>',
      '    <Computer>PC-01</Computer>',
      '  </System>',
      '  <EventData>',
      '    <Data Name="DestinationIp">203.0.113.9</Data>',
      '  </EventData>',
      '</Event>',
    ];
    const outs = pretty.map((l) => p.parse(l, rec));
    expect(outs.slice(0, -1).every((o) => o === Outcome.Skip)).toBe(true);
    expect(outs.at(-1)).toBe(Outcome.Record);
    expect(fields(rec)).toMatchObject({ dst: '203.0.113.9', hostname: 'PC-01' });
    expect(rec.time()).toBe(Date.UTC(2026, 10, 23, 1, 15, 3, 500));
    expect(rec.spanLines).toBe(pretty.length - 1);
  });

  describe('Event Viewer CSV export', () => {
    const header = 'Level,Date and Time,Source,Event ID,Task Category';
    const sysmonCsv = [
      'Information,11/23/2026 8:15:02 AM,Microsoft-Windows-Sysmon,3,Network connection detected (rule: NetworkConnect),"Network connection detected:',
      'RuleName: -',
      'UtcTime: 2026-11-23 01:15:02.345',
      'Image: C:\\Program Files\\KMSpico\\KMSELDI.exe',
      'Protocol: tcp',
      'SourceIp: 10.1.2.3',
      'SourcePort: 51514',
      'DestinationIp: 203.0.113.9',
      'DestinationHostname: c2.evil.example',
      'DestinationPort: 443"',
    ];

    it('reads a Sysmon event over many lines; UtcTime wins over the local column', () => {
      const p = new WindowsEventCsvParser(VN);
      const rec = new LogRecord();
      expect(p.parse(header, rec)).toBe(Outcome.Skip);
      const outs = sysmonCsv.map((l) => p.parse(l, rec));
      expect(outs.slice(0, -1).every((o) => o === Outcome.Skip)).toBe(true);
      expect(outs.at(-1)).toBe(Outcome.Record);
      expect(fields(rec)).toMatchObject({
        src: '10.1.2.3',
        srcPort: '51514',
        dst: '203.0.113.9',
        dstPort: '443',
        proto: 'tcp',
        domain: 'c2.evil.example',
      });
      expect(rec.spanLines).toBe(sysmonCsv.length - 1);
      expect(rec.time()).toBe(Date.UTC(2026, 10, 23, 1, 15, 2, 345));
    });

    it('reads a Security 5156 with translated labels; the local time column in the regional format', () => {
      const p = new WindowsEventCsvParser(VN);
      const rec = new LogRecord();
      const lines = [
        'Thông tin,23/11/2026 20:15:02,Microsoft-Windows-Security-Auditing,5156,Filtering Platform Connection,"The Windows Filtering Platform has permitted a connection.',
        '',
        'Application Information:',
        '\tProcess ID:\t\t4728',
        '\tApplication Name:\t\\device\\harddiskvolume3\\x.exe',
        'Network Information:',
        '\tDirection:\t\tOutbound',
        '\tSource Address:\t\t10.1.2.3',
        '\tSource Port:\t\t51514',
        '\tDestination Address:\t203.0.113.9',
        '\tDestination Port:\t\t443',
        '\tProtocol:\t\t6',
        '\tSource Port:\t\t9999',
        '\tEmpty:\t\t"',
      ];
      const outs = lines.map((l) => p.parse(l, rec));
      expect(outs.at(-1)).toBe(Outcome.Record);
      expect(fields(rec)).toMatchObject({
        src: '10.1.2.3',
        srcPort: '51514',
        dst: '203.0.113.9',
        dstPort: '443',
        proto: 'tcp',
      });
      expect(rec.time()).toBe(vn(2026, 11, 23, 20, 15, 2));
    });

    it('reads a row of five columns (no Task Category), blanks around the Event ID, and trims values', () => {
      const p = new WindowsEventCsvParser(UTC);
      const rec = new LogRecord();
      expect(
        p.parse(
          'Information,11/23/2026 8:15:02 AM,Sysmon,3,"DestinationIp: 203.0.113.9\nSourceIp:  10.1.2.3  "',
          rec,
        ),
      ).toBe(Outcome.Record);
      expect(fields(rec)).toMatchObject({ src: '10.1.2.3', dst: '203.0.113.9' });
      expect(rec.time()).toBe(Date.UTC(2026, 10, 23, 8, 15, 2));
      expect(
        p.parse('Information, 11/23/2026 8:15:02 AM, Sysmon, 3 , x,"DestinationIp: 203.0.113.9"', rec),
      ).toBe(Outcome.Record);
      expect(rec.evidence).toBe('EventID 3: → 203.0.113.9:');
    });

    it('keeps DestinationPort as is outside 5156, skips rows that are not events, and drops a runaway event', () => {
      const p = new WindowsEventCsvParser(UTC);
      const rec = new LogRecord();
      expect(
        p.parse(
          'Information,11/23/2026 8:15:02 AM,Sysmon,3,x,"DestinationIp: 203.0.113.9\nDestinationPort: 8443\nDestination Port: 1"',
          rec,
        ),
      ).toBe(Outcome.Record);
      expect(fields(rec).dstPort).toBe('8443');
      expect(rec.time()).toBe(Date.UTC(2026, 10, 23, 8, 15, 2));
      expect(p.parse('Information,11/23/2026 8:15:02 AM,Sysmon,x3,x,"DestinationIp: 1.2.3.4"', rec)).toBe(
        Outcome.Skip,
      );
      expect(p.parse('Information,11/23/2026,Sysmon,3', rec)).toBe(Outcome.Skip);
      expect(p.parse('Information,11/23/2026 8:15:02 AM,Sysmon,1,x,"Process Create"', rec)).toBe(
        Outcome.Skip,
      );
      expect(p.parse('Information,11/23/2026 8:15:02 AM,Sysmon,3,x,"', rec)).toBe(Outcome.Skip);
      expect(p.parse('x'.repeat(1 << 20), rec)).toBe(Outcome.Bad);
      expect(p.lastError).toBe('sự kiện quá dài (trên 1 MB) / event too long (over 1 MB)');
      expect(p.parse('Information,11/23/2026 8:15:02 AM,Sysmon,3,x,"DestinationIp: 203.0.113.9"', rec)).toBe(
        Outcome.Record,
      );
      expect(rec.spanLines).toBe(0);
    });
  });
});
