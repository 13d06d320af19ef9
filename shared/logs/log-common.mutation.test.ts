// What every log parser shares (issue 19, mutation testing of detect.ts, columns.ts, record.ts,
// time.ts, syslog-time.ts and url.ts): format detection line by line, the syslog dispatcher, the
// --columns CSV reader, the record, and the time and URL readers on real-shaped text.
import { describe, expect, it } from 'vitest';
import { ColumnsParser, parseColumnsOption } from './columns';
import {
  DETECT_LINES,
  SyslogParser,
  createParser,
  detectFormat,
  formatLabel,
  syslogLineFormat,
} from './detect';
import { LOG_FORMATS, LogRecord, Outcome } from './record';
import type { TimeContext } from './record';
import { syslogLineMs } from './syslog-time';
import {
  digits,
  epochSecondsMs,
  formatLocalIso,
  isoLikeMs,
  localMs,
  monthIndex,
  parseOffset,
  syslogDate,
  syslogYear,
} from './time';
import { urlHost } from './url';

const VN: TimeContext = { offsetMinutes: 420, referenceMs: Date.UTC(2026, 11, 1) };
const UTC: TimeContext = { offsetMinutes: 0, referenceMs: Date.UTC(2026, 11, 1) };

describe('detectFormat, line by line', () => {
  const one = (line: string) => detectFormat([line]);

  it('knows each format by one of its lines', () => {
    expect(one('#Software: Microsoft Windows Firewall')).toBe('windows-firewall');
    expect(one('  #Fields: date time action protocol src-ip dst-ip src-port')).toBe('windows-firewall');
    for (const action of ['ALLOW', 'DROP', 'OPEN', 'CLOSE', 'OPEN-INBOUND', 'INFO-EVENTS-LOST'])
      expect(one(`2026-11-23 08:15:02 ${action} TCP 10.1.2.3 203.0.113.9 1 2`), action).toBe(
        'windows-firewall',
      );
    expect(one('2026-11-23 08:15:02 DENY TCP 10.1.2.3')).toBeNull();
    expect(one('2026-11-23 08:15:02 ALLOW')).toBeNull();
    expect(one('DNS Server log file creation at 11/23/2026')).toBe('windows-dns');
    expect(one('11/23/2026 8:15:02 AM 0E40 PACKET  000001D2A8F0C1E0 UDP Rcv 10.1.2.3 a1b2')).toBe(
      'windows-dns',
    );
    expect(one('11/23/2026 8:15:02 AM 0E40 PACKET  000001D2A8F0C1E0 UDP Snd 10.1.2.3 a1b2')).toBe(
      'windows-dns',
    );
    expect(one('11/23/2026 8:15:02 AM 0E40 PACKET  000001D2A8F0C1E0 UDP Xmt 10.1.2.3 a1b2')).toBeNull();
    expect(one(' PACKET  UDP Rcv 10.1.2.3')).toBeNull();
    expect(one('<Event xmlns="x">')).toBe('windows-event-xml');
    expect(one('Information,11/23/2026 8:15:02 AM,Microsoft-Windows-Sysmon,3,Network connection')).toBe(
      'windows-event-csv',
    );
    expect(one('Information,11/23/2026 8:15:02 AM,"Microsoft-Windows-Security-Auditing",5156,x')).toBe(
      'windows-event-csv',
    );
    expect(one('Information,11/23/2026 8:15:02 AM,Microsoft-Windows-Kernel,3,x')).toBeNull();
    expect(one('Level,Date and Time,Source,Event ID,Task Category')).toBe('windows-event-csv');
    expect(one('#separator \\x09')).toBe('zeek');
    expect(one('#fields\tts\tuid')).toBe('zeek');
    expect(one('#path\tconn')).toBe('zeek');
    expect(one('#fields ts uid')).toBeNull();
    expect(one('{"timestamp":"x","event_type":"flow"}')).toBe('suricata');
    expect(one('{"ts":1,"id.orig_h":"10.1.2.3"}')).toBe('zeek');
    expect(one('{"ts":1}')).toBeNull();
    expect(one('1795396502.345    120 10.1.2.3 TCP_MISS/200 1520 GET http://a/')).toBe('squid');
    expect(one('795396502.345 120 10.1.2.3 TCP_MISS/200 1520 GET http://a/')).toBe('squid');
    expect(one('1795396502 120 10.1.2.3 TCP_MISS/200 1520 GET http://a/')).toBeNull();
    expect(one('Nov 23 08:15:02 pfsense filterlog[1]: 5,,,')).toBe('syslog');
    expect(one('just words')).toBeNull();
  });

  it('an XML prolog or <Events> counts double; the best score wins; ties keep the first met', () => {
    const xml = ['<?xml version="1.0"?>', '2026-11-23 08:15:02 ALLOW TCP 1 2 3 4'];
    expect(detectFormat(xml)).toBe('windows-event-xml');
    expect(detectFormat(['<Events>', ...Array(2).fill('2026-11-23 08:15:02 ALLOW TCP 1 2 3 4')])).toBe(
      'windows-event-xml',
    );
    expect(detectFormat(['<Events>', ...Array(3).fill('2026-11-23 08:15:02 ALLOW TCP 1 2 3 4')])).toBe(
      'windows-firewall',
    );
    expect(detectFormat(['#separator \\x09', '{"event_type":"flow"}'])).toBe('zeek');
    expect(detectFormat(['{"event_type":"flow"}', '#separator \\x09'])).toBe('suricata');
  });

  it('looks at the first 64 non-blank lines only', () => {
    expect(DETECT_LINES).toBe(64);
    const other = Array(DETECT_LINES).fill('just words');
    expect(detectFormat([...other, '#separator \\x09'])).toBeNull();
    expect(detectFormat([...other.slice(1), '', '  ', '#separator \\x09'])).toBe('zeek');
  });

  it('a file whose lines mostly carry a syslog header is syslog, even with no known program', () => {
    const h = (s: string) => `Nov 23 08:15:02 gw dhcpd: ${s}`;
    expect(detectFormat([h('a'), h('b'), 'x'])).toBe('syslog');
    expect(detectFormat([h('a'), 'x'])).toBeNull();
    expect(detectFormat(['<34>1 2026-11-23T08:15:02Z gw x: a'])).toBe('syslog');
    expect(detectFormat(['<34>Nov  3 08:15:02 gw x: a'])).toBe('syslog');
    expect(detectFormat(['nov 23 08:15:02 gw x: a'])).toBeNull();
    expect(detectFormat([])).toBeNull();
    expect(detectFormat(['', '  '])).toBeNull();
  });
});

describe('syslogLineFormat and the syslog dispatcher', () => {
  it('names the program of a line', () => {
    expect(syslogLineFormat('x filterlog: 1')).toBe('filterlog');
    expect(syslogLineFormat('x %ASA-6-302013: Built')).toBe('cisco-asa');
    expect(syslogLineFormat('x %FTD-6-302013: Built')).toBe('cisco-asa');
    expect(syslogLineFormat('x srcip=1 dstip=2')).toBe('fortigate');
    expect(syslogLineFormat('x sys="SecureNet" srcip=1')).toBe('sophos');
    expect(syslogLineFormat('logid=1 devname=FGT')).toBe('fortigate');
    expect(syslogLineFormat('logid=1')).toBeNull();
    expect(syslogLineFormat('log_component=1 log_type=2')).toBe('sophos');
    expect(syslogLineFormat('log_component=1')).toBeNull();
    expect(syslogLineFormat('dnsmasq: query[A] a from 1')).toBe('dnsmasq');
    expect(syslogLineFormat('dnsmasq: query[A] a')).toBeNull();
    expect(syslogLineFormat('unbound: info: 1 a A IN')).toBe('unbound');
    expect(syslogLineFormat('unbound: notice: 1')).toBeNull();
    expect(syslogLineFormat('named: client 1#2: query: a IN A')).toBe('bind');
    expect(syslogLineFormat('named: query: a IN A')).toBeNull();
    expect(syslogLineFormat('firewall proto TCP, 1->2')).toBe('mikrotik');
    expect(syslogLineFormat('firewall proto TCP')).toBeNull();
  });

  it('hands each line to its parser, skips other programs, keeps the reason of a bad line and the formats met', () => {
    const p = new SyslogParser(VN);
    const rec = new LogRecord();
    expect(p.parse('Nov 23 08:15:02 gw dhcpd: DHCPACK', rec)).toBe(Outcome.Skip);
    expect(p.seen.size).toBe(0);
    expect(formatLabel(p)).toBe('syslog');
    expect(p.parse('Nov 23 08:15:02 dnsmasq[812]: query[A] evil.example from 10.1.2.3', rec)).toBe(
      Outcome.Record,
    );
    expect(rec.time()).toBe(Date.UTC(2026, 10, 23, 1, 15, 2));
    expect(p.time(rec)).toBe(Date.UTC(2026, 10, 23, 1, 15, 2));
    expect(p.parse('Nov 23 2026 08:15:02: %ASA-6-302013: Built nonsense', rec)).toBe(Outcome.Bad);
    expect(p.lastError).toContain('unreadable Cisco ASA line');
    expect(p.parse('Nov 23 08:15:02 pfsense filterlog[1]: 5,,,1000000103,igb1,match,pass,in,4', rec)).toBe(
      Outcome.Bad,
    );
    expect(p.lastError).toContain('unreadable filterlog line (too few fields)');
    expect(formatLabel(p)).toBe('cisco-asa+dnsmasq+filterlog');
    // A record it did not read itself has no time of its own.
    const own = new LogRecord();
    own.timeText = 'x';
    expect(p.time(own)).toBeNaN();
    own.reader = p;
    expect(p.time(own)).toBeNaN();
  });

  it('createParser makes each format, and refuses csv without --columns', () => {
    for (const f of LOG_FORMATS.filter((x) => x !== 'csv')) {
      const p = createParser(f, VN);
      expect(p.format, f).toBe(f);
      expect(formatLabel(p)).toBe(f);
    }
    expect(() => createParser('csv', VN)).toThrow(
      '--format csv cần --columns / --format csv needs --columns',
    );
    expect(createParser('csv', VN, { src: 'a', dst: 'b' }).format).toBe('csv');
  });
});

describe('--columns CSV', () => {
  it('parseColumnsOption reads KEY=COLUMN pairs, any case, trimmed', () => {
    expect(
      parseColumnsOption(
        ' SRC = Nguồn ,dst=Đích,time=Thời gian,srcport=a,dstport=b,proto=c,mac=d,hostname=e,url=f,domain=g',
      ),
    ).toEqual({
      src: 'Nguồn',
      dst: 'Đích',
      time: 'Thời gian',
      srcport: 'a',
      dstport: 'b',
      proto: 'c',
      mac: 'd',
      hostname: 'e',
      url: 'f',
      domain: 'g',
    });
    expect(parseColumnsOption('src=a,domain=b')).toEqual({ src: 'a', domain: 'b' });
    expect(parseColumnsOption('src=a,url=b')).toEqual({ src: 'a', url: 'b' });
  });

  it('parseColumnsOption refuses unknown keys, a pair without "=", and a map without src and a target', () => {
    expect(() => parseColumnsOption('src=a,port=b')).toThrow(
      '"port=b": cần KHOÁ=CỘT với khoá là src, dst, domain, url, time, srcport, dstport, proto, mac, hostname / expected KEY=COLUMN with KEY one of src, dst, domain, url, time, srcport, dstport, proto, mac, hostname',
    );
    expect(() => parseColumnsOption('src')).toThrow('"src": cần KHOÁ=CỘT');
    const need = 'cần src= và một trong dst=, domain=, url= / need src= and one of dst=, domain=, url=';
    expect(() => parseColumnsOption('dst=a')).toThrow(need);
    expect(() => parseColumnsOption('src=a')).toThrow(need);
    expect(() => parseColumnsOption('src=,dst=b')).toThrow(need);
  });

  it('reads a comma CSV by its header, any case, BOM and all; times as epoch or ISO', () => {
    const p = new ColumnsParser(
      {
        src: 'Source',
        dst: 'DEST',
        time: 'when',
        proto: 'p',
        srcport: 'sp',
        dstport: 'dp',
        mac: 'm',
        hostname: 'h',
        url: 'u',
        domain: 'd',
      },
      VN,
    );
    const rec = new LogRecord();
    expect(p.parse('\uFEFFwhen,source,dest,p,sp,dp,m,h,u,d', rec)).toBe(Outcome.Skip);
    expect(p.parse(' 2026-11-23 08:15:02 , 10.1.2.3 , 203.0.113.9 ,TCP,1,2,aa,pc,http://x/,x', rec)).toBe(
      Outcome.Record,
    );
    expect([
      rec.src,
      rec.dst,
      rec.proto,
      rec.srcPort,
      rec.dstPort,
      rec.mac,
      rec.hostname,
      rec.url,
      rec.domain,
    ]).toEqual(['10.1.2.3', '203.0.113.9', 'tcp', '1', '2', 'aa', 'pc', 'http://x/', 'x']);
    expect(rec.time()).toBe(Date.UTC(2026, 10, 23, 1, 15, 2));
    expect(p.parse('1795396502.5,10.1.2.3,203.0.113.9,,,,,,,', rec)).toBe(Outcome.Record);
    expect(rec.time()).toBe(Date.UTC(2026, 10, 23, 1, 15, 2, 500));
    expect(p.parse('   ', rec)).toBe(Outcome.Skip);
    expect(p.parse('1,2', rec)).toBe(Outcome.Bad);
    expect(p.lastError).toBe(
      'dòng CSV không đọc được (2 columns, the header has 10) / unreadable CSV line (2 columns, the header has 10)',
    );
  });

  it('takes the separator the header uses most: tab, semicolon or comma', () => {
    const read = (header: string, row: string) => {
      const p = new ColumnsParser({ src: 'a', dst: 'b' }, UTC);
      const rec = new LogRecord();
      expect(p.parse(header, rec), header).toBe(Outcome.Skip);
      expect(p.parse(row, rec)).toBe(Outcome.Record);
      return [rec.src, rec.dst];
    };
    expect(read('a\tb', '1\t2')).toEqual(['1', '2']);
    expect(read('a;b', '1;2')).toEqual(['1', '2']);
    expect(read('a,b', '1,2')).toEqual(['1', '2']);
    expect(read('a;b;c,d', '1;2;3,4')).toEqual(['1', '2']);
    expect(read('a\tb\tc;d', '1\t2\t3;4')).toEqual(['1', '2']);
    // As many tabs as semicolons: tabs.
    const tie = new ColumnsParser({ src: 'a', dst: 'b;c' }, UTC);
    const rec = new LogRecord();
    expect(tie.parse('a\tb;c', rec)).toBe(Outcome.Skip);
    expect(tie.parse('1\t2;3', rec)).toBe(Outcome.Record);
    expect(rec.dst).toBe('2;3');
    expect(read('a\tb\tc,d', '1\t2\t3,4')).toEqual(['1', '2']);
    expect(read('a,b,c;d', '1,2,3;4')).toEqual(['1', '2']);
    expect(read('a;b;c;d\te', '1;2;3;4\t5')).toEqual(['1', '2']);
  });

  it('a header without a wanted column says which, and what it has', () => {
    const p = new ColumnsParser({ src: 'Nguồn', dst: 'Đích', time: 't' }, UTC);
    const rec = new LogRecord();
    expect(p.parse('nguồn;thời gian', rec)).toBe(Outcome.Bad);
    expect(p.lastError).toBe(
      'dòng tiêu đề không có cột dst=Đích, time=t (có: nguồn, thời gian) / the header has no column dst=Đích, time=t (has: nguồn, thời gian)',
    );
  });
});

describe('LogRecord', () => {
  it('reset clears every field', () => {
    const r = new LogRecord();
    Object.assign(r, {
      src: 'a',
      srcPort: 'b',
      dst: 'c',
      dstPort: 'd',
      proto: 'e',
      domain: 'f',
      url: 'g',
      mac: 'h',
      hostname: 'i',
      natSrc: 'j',
      deviceIsDst: true,
      evidence: 'k',
      spanLines: 3,
      timeText: 'l',
      timeMs: 5,
      reader: { time: () => 1 },
      lazy: { fill: () => undefined },
    });
    r.reset();
    expect({ ...r }).toEqual({ ...new LogRecord() });
    expect(r.timeMs).toBeNaN();
    expect(r.reader).toBeNull();
    expect(r.lazy).toBeNull();
    expect(r.deviceIsDst).toBe(false);
  });

  it('time() asks the reader once, and is NaN without a reader or a time text', () => {
    const r = new LogRecord();
    let asked = 0;
    expect(r.time()).toBeNaN();
    r.reader = { time: () => (asked++, 42) };
    expect(r.time()).toBeNaN();
    expect(asked).toBe(0);
    r.timeText = 'x';
    expect(r.time()).toBe(42);
    expect(r.time()).toBe(42);
    expect(asked).toBe(1);
    r.timeMs = 7;
    expect(r.time()).toBe(7);
    // A time text without a reader (a record no parser filled) is no time, not an error.
    const lone = new LogRecord();
    lone.timeText = '2026-11-23 08:15:02';
    expect(lone.time()).toBeNaN();
  });

  it('complete() fills the lazy fields once', () => {
    const r = new LogRecord();
    let filled = 0;
    r.lazy = { fill: (rec) => (filled++, (rec.srcPort = '1')) };
    r.complete();
    r.complete();
    expect(filled).toBe(1);
    expect(r.srcPort).toBe('1');
    expect(r.lazy).toBeNull();
  });

  it('Outcome values and the list of formats', () => {
    expect(Outcome).toEqual({ Record: 0, Skip: 1, Bad: 2 });
    expect(LOG_FORMATS).toHaveLength(17);
  });
});

describe('time readers', () => {
  it('monthIndex reads English month names and abbreviations, any case', () => {
    const names = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    names.forEach((n, i) => {
      expect(monthIndex(n)).toBe(i);
      expect(monthIndex(n.toUpperCase())).toBe(i);
    });
    expect(monthIndex('November')).toBe(10);
    expect(monthIndex('Tháng')).toBe(-1);
    expect(monthIndex('')).toBe(-1);
  });

  it("localMs: every field at and past its bounds; the computer's zone when none is given", () => {
    expect(localMs(UTC, 2026, 0, 1, 0, 0, 0)).toBe(Date.UTC(2026, 0, 1));
    expect(localMs(UTC, 2026, 11, 31, 23, 59, 60, 999)).toBe(Date.UTC(2026, 11, 31, 23, 59, 60, 999));
    expect(localMs(VN, 2026, 10, 23, 8, 15, 2)).toBe(Date.UTC(2026, 10, 23, 1, 15, 2));
    for (const bad of [
      [-1, 1, 0, 0, 0],
      [12, 1, 0, 0, 0],
      [0, 0, 0, 0, 0],
      [0, 32, 0, 0, 0],
      [0, 1, -1, 0, 0],
      [0, 1, 24, 0, 0],
      [0, 1, 0, -1, 0],
      [0, 1, 0, 60, 0],
      [0, 1, 0, 0, -1],
      [0, 1, 0, 0, 61],
    ])
      expect(localMs(UTC, 2026, bad[0], bad[1], bad[2], bad[3], bad[4]), bad.join(',')).toBeNaN();
    const here = { offsetMinutes: null, referenceMs: 0 };
    expect(localMs(here, 2026, 10, 23, 8, 15, 2, 5)).toBe(new Date(2026, 10, 23, 8, 15, 2, 5).getTime());
  });

  it('syslogYear: the reference year, or the one before for a date more than a day after the reference', () => {
    const ref = { offsetMinutes: 0, referenceMs: Date.UTC(2026, 0, 2, 12) };
    expect(syslogYear(ref, 0, 3)).toBe(2026);
    expect(syslogYear(ref, 0, 4)).toBe(2025);
    expect(syslogYear(ref, 11, 31)).toBe(2025);
    expect(syslogYear({ offsetMinutes: 0, referenceMs: Date.UTC(2026, 0, 2) }, 0, 3)).toBe(2026);
    expect(syslogYear({ offsetMinutes: 0, referenceMs: Date.UTC(2026, 0, 2) - 1 }, 0, 3)).toBe(2025);
  });

  it('digits', () => {
    expect(digits('x0123y', 1, 5)).toBe(123);
    expect(digits('x0123y', 1, 6)).toBe(-1);
    expect(digits('x0123y', 0, 5)).toBe(-1);
    expect(digits('123', 1, 1)).toBe(-1);
    expect(digits('123', 2, 1)).toBe(-1);
    expect(digits('9/:', 0, 1)).toBe(9);
    expect(digits('9/:', 1, 2)).toBe(-1);
    expect(digits('9/:', 2, 3)).toBe(-1);
  });

  it('isoLikeMs: local, Z, UTC, offsets (also after a blank), fractions; NaN for what does not read', () => {
    expect(isoLikeMs('2026-11-23 08:15:02', VN)).toBe(Date.UTC(2026, 10, 23, 1, 15, 2));
    expect(isoLikeMs(' 2026-11-23T08:15:02 ', VN)).toBe(Date.UTC(2026, 10, 23, 1, 15, 2));
    expect(isoLikeMs('2026-11-23T08:15:02Z', VN)).toBe(Date.UTC(2026, 10, 23, 8, 15, 2));
    expect(isoLikeMs('2026-11-23T08:15:02z', VN)).toBe(Date.UTC(2026, 10, 23, 8, 15, 2));
    expect(isoLikeMs('2026-11-23T08:15:02UTC', VN)).toBe(Date.UTC(2026, 10, 23, 8, 15, 2));
    expect(isoLikeMs('2026-11-23T08:15:02.5Z', VN)).toBe(Date.UTC(2026, 10, 23, 8, 15, 2, 500));
    expect(isoLikeMs('2026-11-23T08:15:02.123456+07:00', UTC)).toBe(Date.UTC(2026, 10, 23, 1, 15, 2, 123));
    expect(isoLikeMs('2026-11-23 08:15:02 +0700', UTC)).toBe(Date.UTC(2026, 10, 23, 1, 15, 2));
    expect(isoLikeMs('2026-11-23 08:15:02  -05', UTC)).toBe(Date.UTC(2026, 10, 23, 13, 15, 2));
    expect(isoLikeMs('2026-11-23 08:15:02 Z', UTC)).toBe(Date.UTC(2026, 10, 23, 8, 15, 2));
    expect(isoLikeMs('2026-11-23 08:15:02.25', VN)).toBe(Date.UTC(2026, 10, 23, 1, 15, 2, 250));
    for (const bad of [
      '2026-11-23 08:15',
      '2026/11/23 08:15:02',
      '2026-11/23 08:15:02',
      'x026-11-23 08:15:02',
      '2026-x1-23 08:15:02',
      '2026-11-x3 08:15:02',
      '2026-11-23 x8:15:02',
      '2026-11-23 08:x5:02',
      '2026-11-23 08:15:x2',
      '2026-11-23 08:15:02 ICT',
      '2026-11-23 08:15:02 +',
      '2026-13-23T08:15:02Z',
      '2026-11-00T08:15:02Z',
      '2026-11-32T08:15:02Z',
      '2026-00-23T08:15:02Z',
      '2026-11-23T24:15:02Z',
      '2026-11-23T08:60:02Z',
      '2026-11-23T08:15:61Z',
    ])
      expect(isoLikeMs(bad, UTC), bad).toBeNaN();
    expect(isoLikeMs('2026-11-23T23:59:60Z', UTC)).toBe(Date.UTC(2026, 10, 23, 23, 59, 60));
    expect(isoLikeMs('2026-12-31T23:59:59+14:00', UTC)).toBe(Date.UTC(2026, 11, 31, 9, 59, 59));
  });

  it('parseOffset: ±hh[:mm], at most 14 hours', () => {
    expect(parseOffset('+07:00')).toBe(420);
    expect(parseOffset(' +0730 ')).toBe(450);
    expect(parseOffset('-05')).toBe(-300);
    expect(parseOffset('+14:00')).toBe(840);
    expect(parseOffset('+14:01')).toBeNull();
    expect(parseOffset('+15')).toBeNull();
    expect(parseOffset('07:00')).toBeNull();
    expect(parseOffset('+7')).toBeNull();
    expect(parseOffset('+07:0')).toBeNull();
    expect(parseOffset('x+07:00')).toBeNull();
    expect(parseOffset('+07:00x')).toBeNull();
  });

  it('epochSecondsMs', () => {
    expect(epochSecondsMs('1795396502.305988')).toBe(1795396502306);
    expect(epochSecondsMs('1795396502')).toBe(1795396502000);
    for (const bad of ['', '-', 'x', '0', '-5', 'Infinity']) expect(epochSecondsMs(bad), bad).toBeNaN();
  });

  it('syslogDate: month names with one or two day digits, a Cisco year, fractions; where the stamp ends', () => {
    expect(syslogDate('Nov 23 08:15:02 gw x', 0, VN)).toEqual({
      ms: Date.UTC(2026, 10, 23, 1, 15, 2),
      end: 15,
    });
    expect(syslogDate('Nov  3 08:15:02 gw x', 0, VN)).toEqual({
      ms: Date.UTC(2026, 10, 3, 1, 15, 2),
      end: 15,
    });
    expect(syslogDate('<1>Nov 3 08:15:02.25 gw', 3, UTC)).toEqual({
      ms: Date.UTC(2026, 10, 3, 8, 15, 2, 250),
      end: 20,
    });
    expect(syslogDate('Nov 23 2025 08:15:02: %ASA', 0, UTC)).toEqual({
      ms: Date.UTC(2025, 10, 23, 8, 15, 2),
      end: 20,
    });
    expect(syslogDate('2026-11-23T08:15:02Z host', 0, VN)).toEqual({
      ms: Date.UTC(2026, 10, 23, 8, 15, 2),
      end: 20,
    });
    expect(syslogDate('2026-11-23T08:15:02Z', 0, VN)).toEqual({
      ms: Date.UTC(2026, 10, 23, 8, 15, 2),
      end: 20,
    });
    // Dec 31 read on 1 December 2026 is last year's.
    expect(syslogDate('Dec 31 08:15:02', 0, UTC)?.ms).toBe(Date.UTC(2025, 11, 31, 8, 15, 2));
    for (const bad of [
      '2026-13-23T08:15:02Z x',
      'Xyz 23 08:15:02',
      'Nov-23 08:15:02',
      'Nov 23',
      'Nov 2x 08:15:02',
      'Nov 23 08-15:02',
      'Nov 23 08:15-02',
      'Nov 23 x8:15:02',
      'Nov 23 08:x5:02',
      'Nov 23 08:15:x2',
      'Nov 23 20x6 08:15:02',
      'Nov 23 25:15:02',
      'Nov 32 08:15:02',
    ])
      expect(syslogDate(bad, 0, UTC), bad).toBeNull();
  });

  it("formatLocalIso: the zone given, negative zones, half hours; this computer's zone without one", () => {
    const ms = Date.UTC(2026, 10, 23, 1, 15, 2);
    expect(formatLocalIso(ms, 420)).toBe('2026-11-23T08:15:02+07:00');
    expect(formatLocalIso(ms, 0)).toBe('2026-11-23T01:15:02+00:00');
    expect(formatLocalIso(ms, -210)).toBe('2026-11-22T21:45:02-03:30');
    expect(formatLocalIso(ms, 345)).toBe('2026-11-23T07:00:02+05:45');
    const off = -new Date(ms).getTimezoneOffset();
    expect(formatLocalIso(ms, null)).toBe(formatLocalIso(ms, off));
  });

  it('syslogLineMs: priority, RFC 5424 version, [epoch] stamps, ISO and BSD dates', () => {
    expect(syslogLineMs('<134>1 2026-11-23T08:15:02+07:00 host x', UTC)).toBe(
      Date.UTC(2026, 10, 23, 1, 15, 2),
    );
    expect(syslogLineMs('<13>Nov 23 08:15:02 host x', UTC)).toBe(Date.UTC(2026, 10, 23, 8, 15, 2));
    expect(syslogLineMs('[1795396502] unbound[1:0] info: x', UTC)).toBe(1795396502000);
    expect(syslogLineMs('<13>[1795396502.5] x', UTC)).toBe(1795396502500);
    expect(syslogLineMs('2026-11-23 08:15:02 host x', VN)).toBe(Date.UTC(2026, 10, 23, 1, 15, 2));
    expect(syslogLineMs('2026-11-23T08:15:02', UTC)).toBe(Date.UTC(2026, 10, 23, 8, 15, 2));
    expect(syslogLineMs('Nov 23 08:15:02 host x', VN)).toBe(Date.UTC(2026, 10, 23, 1, 15, 2));
    expect(syslogLineMs('1 Nov 23 08:15:02 host', UTC)).toBe(Date.UTC(2026, 10, 23, 8, 15, 2));
    // A "<...>" longer than a priority is not one.
    expect(syslogLineMs('<123456>Nov 23 08:15:02 host', UTC)).toBeNaN();
    expect(syslogLineMs('<12345>Nov 23 08:15:02 host', UTC)).toBeNaN();
    expect(syslogLineMs('<1234>Nov 23 08:15:02 host', UTC)).toBe(Date.UTC(2026, 10, 23, 8, 15, 2));
    expect(syslogLineMs('<>Nov 23 08:15:02 host', UTC)).toBe(Date.UTC(2026, 10, 23, 8, 15, 2));
    expect(syslogLineMs('[no close', UTC)).toBeNaN();
    expect(syslogLineMs('12345 not a date', UTC)).toBeNaN();
    expect(syslogLineMs('hello', UTC)).toBeNaN();
  });
});

describe('urlHost', () => {
  it('the host of URLs, CONNECT targets, scheme-relative and bracketed IPv6', () => {
    const cases: [string, string][] = [
      ['http://evil.example/gate.php', 'evil.example'],
      ['https://user:pw@evil.example:8443/x?y#z', 'evil.example'],
      ['http://evil.example?x=1', 'evil.example'],
      ['http://evil.example#frag', 'evil.example'],
      ['evil.example:443', 'evil.example'],
      ['evil.example', 'evil.example'],
      ['//evil.example/x', 'evil.example'],
      ['http://[2001:db8::1]:8080/x', '2001:db8::1'],
      ['[2001:db8::1]:443', '2001:db8::1'],
      ['http://[2001:db8::1/x', ''],
      ['http://a.example/x]', 'a.example'],
      ['http://u@[2001:db8::1]/', '2001:db8::1'],
      ['http://evil.example/path@other.example', 'evil.example'],
      ['http://evil.example/a:b', 'evil.example'],
      ['', ''],
    ];
    for (const [url, host] of cases) expect(urlHost(url), url).toBe(host);
  });
});
