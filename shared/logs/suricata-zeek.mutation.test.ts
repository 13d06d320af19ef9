// Suricata eve.json and Zeek at the edges Stryker found untested (issue 19, module log-ids): the
// URL forms HTTP requests really carry (an absolute http:// URL as a proxy is sent, capitals in the
// scheme, a URL inside the query string of a relative one), Zeek logs concatenated with a second
// header, and events that name only one side. The equivalent survivors are in
// test/mutation-equivalents.md.
import { describe, expect, it } from 'vitest';
import { LogRecord, Outcome } from './record';
import { SuricataParser } from './suricata';
import { ZeekParser } from './zeek';

describe('Suricata http events', () => {
  const http = (h: Record<string, unknown>) => {
    const rec = new LogRecord();
    const line = JSON.stringify({
      timestamp: '2026-11-23T08:15:02.345678+0700',
      event_type: 'http',
      src_ip: '10.1.2.3',
      src_port: 51514,
      dest_ip: '203.0.113.9',
      dest_port: 80,
      proto: 'TCP',
      http: h,
    });
    expect(new SuricataParser().parse(line, rec)).toBe(Outcome.Record);
    return { domain: rec.domain, url: rec.url };
  };

  it('an absolute http:// URL (a request sent to a proxy) is kept as is, in any case', () => {
    expect(http({ hostname: 'evil.example', url: 'http://evil.example/gate.php' })).toEqual({
      domain: 'evil.example',
      url: 'http://evil.example/gate.php',
    });
    expect(http({ hostname: 'evil.example', url: 'HTTP://evil.example/gate.php' }).url).toBe(
      'HTTP://evil.example/gate.php',
    );
  });

  it('a relative URL that carries another URL in its query is joined to the host', () => {
    expect(http({ hostname: 'shop.example', url: '/out?to=https://evil.example/' }).url).toBe(
      'http://shop.example/out?to=https://evil.example/',
    );
  });
});

describe('Suricata events that name little', () => {
  it('a DNS event with neither rrname nor queries names nothing; a source alone is a record', () => {
    const rec = new LogRecord();
    const dns = JSON.stringify({
      event_type: 'dns',
      src_ip: '10.1.2.3',
      dest_ip: '10.1.1.1',
      dns: { version: 3, type: 'request', id: 1 },
    });
    expect(new SuricataParser().parse(dns, rec)).toBe(Outcome.Record);
    expect(rec.domain).toBe('');
    expect(new SuricataParser().parse(JSON.stringify({ event_type: 'alert', src_ip: '10.1.2.3' }), rec)).toBe(
      Outcome.Record,
    );
    expect(rec.src).toBe('10.1.2.3');
  });
});

describe('Zeek', () => {
  const json = (o: Record<string, unknown>) => {
    const rec = new LogRecord();
    const out = new ZeekParser().parse(JSON.stringify(o), rec);
    return { out, rec };
  };

  it('http.log: an absolute http:// URI, in any case, is kept; one inside a query string is joined to the host', () => {
    const base = {
      ts: 1795396502.345,
      'id.orig_h': '10.1.2.3',
      'id.resp_h': '203.0.113.9',
      host: 'evil.example',
    };
    expect(json({ ...base, uri: 'http://evil.example/gate.php' }).rec.url).toBe(
      'http://evil.example/gate.php',
    );
    expect(json({ ...base, uri: 'Http://evil.example/gate.php' }).rec.url).toBe(
      'Http://evil.example/gate.php',
    );
    expect(json({ ...base, uri: '/r?u=http://x.example/' }).rec.url).toBe(
      'http://evil.example/r?u=http://x.example/',
    );
  });

  it('a line that names only the responder is a record (conn.log of an inbound scan with the originator unset)', () => {
    const { out, rec } = json({ ts: 1795396502, 'id.orig_h': '-', 'id.resp_h': '203.0.113.9', proto: 'tcp' });
    expect(out).toBe(Outcome.Record);
    expect([rec.src, rec.dst, rec.proto]).toEqual(['', '203.0.113.9', 'tcp']);
  });

  it('a line that names only the originator is a record; a TSV header without #separator splits on tabs', () => {
    expect(json({ ts: 1795396502, 'id.orig_h': '10.1.2.3', proto: 'udp' }).out).toBe(Outcome.Record);
    const p = new ZeekParser();
    const rec = new LogRecord();
    p.parse('#fields\tts\tid.orig_h\tid.resp_h', rec);
    expect(p.parse('1795396502\t10.1.2.3\t203.0.113.9', rec)).toBe(Outcome.Record);
    expect([rec.src, rec.dst]).toEqual(['10.1.2.3', '203.0.113.9']);
  });

  it('a second #fields header (two logs concatenated) replaces the columns of the first', () => {
    const p = new ZeekParser();
    const rec = new LogRecord();
    p.parse('#separator \\x09', rec);
    p.parse('#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tquery', rec);
    expect(p.parse('1795396502.345\tC1\t10.1.2.3\t51514\t10.1.1.1\t53\tevil.example', rec)).toBe(
      Outcome.Record,
    );
    expect(rec.domain).toBe('evil.example');
    // ssl.log after dns.log: no "query" column any more; the TLS version stands where it was.
    p.parse('#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tversion\tserver_name', rec);
    expect(p.parse('1795396503.5\tC2\t10.1.2.4\t51515\t203.0.113.9\t443\tTLSv13\tc2.example', rec)).toBe(
      Outcome.Record,
    );
    expect([rec.src, rec.dst, rec.dstPort, rec.domain]).toEqual([
      '10.1.2.4',
      '203.0.113.9',
      '443',
      'c2.example',
    ]);
    expect(rec.time()).toBe(Date.UTC(2026, 10, 23, 1, 15, 3, 500));
  });
});
