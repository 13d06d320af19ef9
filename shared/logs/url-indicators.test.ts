// URL indicators against the full URLs of proxy and HTTP logs: exact canonical match, and a URL
// on a shared platform flags that URL only, never every request to the platform.
import { describe, expect, it } from 'vitest';
import { parseFeed, toIndicators } from '../indicator-formats';
import { IndicatorIndex } from '../indicators';
import { huntText, summary } from '../../test/support/hunt/helpers';

// A feed as agencies get them: URLs written in any spelling; the non-platform hosts come along
// as domain indicators, the GitHub one does not (shared platform).
const FEED = `# URL indicators
http://dl.evil.example/gate.php?id=7
https://github.com/evil-org/loader/releases/download/v1/update.exe
HTTP://Files.Bad.Example:80/stage2.bin#part
https://c2.bad.example/panel/login.php
http://198.51.100.77:8080/x86.sh
`;

function urlIndex(): IndicatorIndex {
  const parsed = parseFeed(FEED, 'urls.txt');
  expect(parsed.sharedPlatformDrops?.map((d) => d.host)).toEqual(['github.com']);
  return IndicatorIndex.build(toIndicators(parsed, 'urls.txt'));
}

const GH = 'https://github.com/evil-org/loader/releases/download/v1/update.exe';

describe('URL indicators in the hunt', () => {
  it('Squid: a listed URL (bumped HTTPS too) matches; other files on the same platform do not', () => {
    const log = [
      '1795418400.123    245 10.1.4.20 TCP_MISS/200 5120 GET http://dl.evil.example/gate.php?id=7 - HIER_DIRECT/192.0.2.50 text/html',
      '1795418401.000    310 10.1.4.30 TCP_MISS/200 88120 GET https://github.com/evil-org/loader/releases/download/v1/update.exe - HIER_DIRECT/140.82.112.3 application/octet-stream',
      '1795418402.000    120 10.1.4.31 TCP_MISS/200 1200 GET https://github.com/microsoft/vscode/releases - HIER_DIRECT/140.82.112.3 text/html',
      '1795418403.000     90 10.1.4.32 TCP_MISS/200 900 GET https://GITHUB.com:443/evil-org/loader/releases/download/v1/update.exe - HIER_DIRECT/140.82.112.3 application/octet-stream',
      '1795418404.000  60012 10.1.4.33 TCP_TUNNEL/200 3412 CONNECT github.com:443 - HIER_DIRECT/140.82.112.3 -',
      '1795418405.000     15 10.1.4.34 TCP_MISS/200 700 GET http://dl.evil.example/gate.php?id=8 - HIER_DIRECT/192.0.2.50 text/html',
    ].join('\n');
    const { report, format } = huntText('access.log', log, { index: urlIndex() });
    expect(format).toBe('squid');
    expect(summary(report)).toEqual([
      '10.1.4.20 → dl.evil.example ×1',
      '10.1.4.20 → http://dl.evil.example/gate.php?id=7 ×1',
      `10.1.4.30 → ${GH} ×1`,
      `10.1.4.32 → ${GH} ×1`,
      '10.1.4.34 → dl.evil.example ×1',
    ]);
    const d20 = report.devices.find((d) => d.address === '10.1.4.20');
    expect(d20?.indicators.map((i) => i.kind).sort()).toEqual(['domain', 'url']);
    // One line is one contact, shown once as evidence, even when it matched the URL and its host.
    expect(d20?.count).toBe(1);
    expect(d20?.evidence).toHaveLength(1);
    expect(report.indicators.find((i) => i.indicator === GH)).toMatchObject({
      kind: 'url',
      devices: ['10.1.4.30', '10.1.4.32'],
    });
  });

  it('Zeek http.log (TSV and JSON): host + uri make the URL; the default port and case do not matter', () => {
    const tsv = [
      '#separator \\x09',
      '#set_separator\t,',
      '#empty_field\t(empty)',
      '#unset_field\t-',
      '#path\thttp',
      '#open\t2026-11-23-01-00-00',
      '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\ttrans_depth\tmethod\thost\turi\treferrer\tversion\tuser_agent\torigin\trequest_body_len\tresponse_body_len\tstatus_code\tstatus_msg\tinfo_code\tinfo_msg\ttags\tusername\tpassword\tproxied\torig_fuids\torig_filenames\torig_mime_types\tresp_fuids\tresp_filenames\tresp_mime_types',
      '#types\ttime\tstring\taddr\tport\taddr\tport\tcount\tstring\tstring\tstring\tstring\tstring\tstring\tstring\tcount\tcount\tcount\tstring\tcount\tstring\tset[enum]\tstring\tstring\tset[string]\tvector[string]\tvector[string]\tvector[string]\tvector[string]\tvector[string]\tvector[string]',
      '1795418200.500000\tCwFs1P2UcUdlSxD6dh\t10.1.2.6\t49200\t192.0.2.80\t80\t1\tGET\tfiles.bad.example:80\t/stage2.bin\t-\t1.1\tMozilla/4.0\t-\t0\t51200\t200\tOK\t-\t-\t(empty)\t-\t-\t-\t-\t-\t-\tFh1\t-\tapplication/octet-stream',
      '1795418201.500000\tCwFs1P2UcUdlSxD6di\t10.1.2.7\t49201\t192.0.2.81\t8080\t1\tGET\t198.51.100.77:8080\t/x86.sh\t-\t1.1\tWget\t-\t0\t800\t200\tOK\t-\t-\t(empty)\t-\t-\t-\t-\t-\t-\tFh2\t-\ttext/x-shellscript',
      '1795418202.500000\tCwFs1P2UcUdlSxD6dj\t10.1.2.8\t49202\t192.0.2.81\t80\t1\tGET\t198.51.100.77\t/x86.sh\t-\t1.1\tWget\t-\t0\t800\t200\tOK\t-\t-\t(empty)\t-\t-\t-\t-\t-\t-\tFh3\t-\ttext/x-shellscript',
      '#close\t2026-11-23-02-00-00',
    ].join('\n');
    const { report, format } = huntText('http.log', tsv, { index: urlIndex() });
    expect(format).toBe('zeek');
    expect(summary(report)).toEqual([
      '10.1.2.6 → files.bad.example ×1',
      '10.1.2.6 → http://files.bad.example/stage2.bin ×1',
      '10.1.2.7 → 198.51.100.77 ×1',
      '10.1.2.7 → http://198.51.100.77:8080/x86.sh ×1',
      // Port 80, not the listed 8080: the host is listed, the URL is not.
      '10.1.2.8 → 198.51.100.77 ×1',
    ]);
    const json =
      '{"ts":1795418200.5,"uid":"CwFs1P2UcUdlSxD6dh","id.orig_h":"10.1.2.9","id.orig_p":49200,"id.resp_h":"140.82.112.3","id.resp_p":80,"trans_depth":1,"method":"GET","host":"GitHub.com","uri":"/evil-org/loader/releases/download/v1/update.exe","version":"1.1","user_agent":"Mozilla/4.0","request_body_len":0,"response_body_len":51200,"status_code":301,"status_msg":"Moved Permanently","tags":[]}\n' +
      '{"ts":1795418201.5,"uid":"CwFs1P2UcUdlSxD6dk","id.orig_h":"10.1.2.10","id.orig_p":49201,"id.resp_h":"140.82.112.3","id.resp_p":80,"trans_depth":1,"method":"GET","host":"github.com","uri":"/","version":"1.1","user_agent":"Mozilla/4.0","request_body_len":0,"response_body_len":512,"status_code":301,"status_msg":"Moved Permanently","tags":[]}';
    // http:// is not the listed https:// URL: exact canonical match, no scheme guessing.
    expect(summary(huntText('http.json', json, { index: urlIndex() }).report)).toEqual([]);
  });

  it('Suricata eve.json http and FortiGate web filter (path-only url on HTTPS) match the listed URL', () => {
    const eve = [
      '{"timestamp":"2026-11-23T08:20:00.000000+0700","flow_id":1234567890,"in_iface":"eth0","event_type":"http","src_ip":"10.1.2.11","src_port":49210,"dest_ip":"192.0.2.50","dest_port":80,"proto":"TCP","tx_id":0,"http":{"hostname":"dl.evil.example","url":"/gate.php?id=7","http_user_agent":"Mozilla/5.0","http_content_type":"text/html","http_method":"GET","protocol":"HTTP/1.1","status":200,"length":5120}}',
      '{"timestamp":"2026-11-23T08:21:00.000000+0700","flow_id":1234567891,"in_iface":"eth0","event_type":"http","src_ip":"10.1.2.12","src_port":49211,"dest_ip":"140.82.112.3","dest_port":80,"proto":"TCP","tx_id":0,"http":{"hostname":"github.com","url":"/evil-org/loader","http_method":"GET","protocol":"HTTP/1.1","status":301,"length":0}}',
    ].join('\n');
    expect(summary(huntText('eve.json', eve, { index: urlIndex() }).report)).toEqual([
      '10.1.2.11 → dl.evil.example ×1',
      '10.1.2.11 → http://dl.evil.example/gate.php?id=7 ×1',
    ]);
    const fgt = [
      'date=2026-11-23 time=08:42:00 devname="FGT60F-SO" devid="FGT60FTK2109ABCD" logid="0316013056" type="utm" subtype="webfilter" eventtype="ftgd_blk" level="warning" vd="root" policyid=3 sessionid=1234569 srcip=10.1.5.32 srcport=60001 srcintf="internal" dstip=140.82.112.3 dstport=443 dstintf="wan1" proto=6 service="HTTPS" hostname="github.com" profile="default" action="blocked" reqtype="direct" url="/evil-org/loader/releases/download/v1/update.exe" sentbyte=0 rcvdbyte=0 direction="outgoing" msg="URL belongs to a denied category in policy" method="domain" cat=26 catdesc="Malicious Websites"',
      'date=2026-11-23 time=08:43:00 devname="FGT60F-SO" devid="FGT60FTK2109ABCD" logid="0316013057" type="utm" subtype="webfilter" eventtype="ftgd_allow" level="notice" vd="root" policyid=3 sessionid=1234570 srcip=10.1.5.33 srcport=60002 srcintf="internal" dstip=140.82.112.3 dstport=443 dstintf="wan1" proto=6 service="HTTPS" hostname="github.com" profile="default" action="passthrough" reqtype="direct" url="https://github.com/" sentbyte=100 rcvdbyte=2000 direction="outgoing" msg="URL belongs to an allowed category in policy" method="domain" cat=47 catdesc="Information Technology"',
      'date=2026-11-23 time=08:44:00 devname="FGT60F-SO" devid="FGT60FTK2109ABCD" logid="0316013056" type="utm" subtype="webfilter" eventtype="ftgd_blk" level="warning" vd="root" policyid=3 sessionid=1234571 srcip=10.1.5.34 srcport=60003 srcintf="internal" dstip=192.0.2.60 dstport=443 dstintf="wan1" proto=6 service="HTTPS" hostname="c2.bad.example" profile="default" action="blocked" reqtype="direct" url="https://c2.bad.example/panel/login.php" sentbyte=0 rcvdbyte=0 direction="outgoing" msg="URL belongs to a denied category in policy" method="domain" cat=26 catdesc="Malicious Websites"',
    ].join('\n');
    expect(summary(huntText('fgt.log', fgt, { index: urlIndex() }).report)).toEqual([
      `10.1.5.32 → ${GH} ×1`,
      '10.1.5.34 → c2.bad.example ×1',
      '10.1.5.34 → https://c2.bad.example/panel/login.php ×1',
    ]);
  });

  it('a generic CSV url column; the allow-list on the host wins over a listed URL', () => {
    const csv = [
      'Thời gian,Máy trạm,Đích,URL',
      '2026-11-23 08:00:00,10.1.6.1,140.82.112.3,https://github.com/evil-org/loader/releases/download/v1/update.exe',
      '2026-11-23 08:01:00,10.1.6.2,140.82.112.3,https://github.com/evil-org/other/releases/download/v1/update.exe',
    ].join('\n');
    const columns = { src: 'Máy trạm', dst: 'Đích', url: 'URL', time: 'Thời gian' };
    expect(summary(huntText('proxy.csv', csv, { index: urlIndex(), format: 'csv', columns }).report)).toEqual(
      [`10.1.6.1 → ${GH} ×1`],
    );
    const parsed = parseFeed(FEED, 'urls.txt');
    const allowed = IndicatorIndex.build(toIndicators(parsed, 'urls.txt'), [
      { type: 'domain', value: 'github.com' },
    ]);
    expect(summary(huntText('proxy.csv', csv, { index: allowed, format: 'csv', columns }).report)).toEqual(
      [],
    );
  });
});
