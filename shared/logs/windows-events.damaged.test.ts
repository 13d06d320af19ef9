// Windows event exports with one damaged event: the rest of the file must still be read (a wrong
// "clean" for the file otherwise). Found by the review of the log-windows-events mutation run of
// 2026-12-02 21:01: a numeric reference past Unicode threw out of the XML parser (the file was
// skipped after its first events), and one stray quote in a CSV message put every later row out of
// step with its quotes (the rest of the file read as nothing, with no warning).
import { describe, expect, it } from 'vitest';
import { huntText, summary } from '../../test/support/hunt/helpers';

const csvRow = (i: number, image = 'C:\\Users\\ketoan\\AppData\\Roaming\\svch0st.exe') =>
  [
    `Information,11/23/2026 8:${String(i % 60).padStart(2, '0')}:02 AM,Microsoft-Windows-Sysmon,3,Network connection detected (rule: NetworkConnect),"Network connection detected:`,
    'RuleName: -',
    `Image: ${image}`,
    'Protocol: tcp',
    `SourceIp: 10.1.2.${i}`,
    'SourcePort: 49822',
    'DestinationIp: 203.0.113.9',
    'DestinationPort: 443',
    'DestinationPortName: https"',
  ].join('\n');
const HEADER = 'Level,Date and Time,Source,Event ID,Task Category';
const devices = (lines: string[]) => lines.map((l) => l.split(' → ')[0]);

describe('a damaged event in a Windows event export', () => {
  it('CSV: a stray quote in one message loses that event only, with a warning', () => {
    const rows = Array.from({ length: 50 }, (_, k) =>
      csvRow(k + 1, k + 1 === 10 ? 'C:\\Users\\a"b\\x.exe' : undefined),
    );
    const { report, format } = huntText('sysmon.csv', [HEADER, ...rows].join('\n'));
    expect(format).toBe('windows-event-csv');
    const found = devices(summary(report));
    expect(found).toHaveLength(49);
    expect(found).not.toContain('10.1.2.10');
    expect(found).toContain('10.1.2.11');
    expect(found).toContain('10.1.2.50');
    expect(report.warnings.map((w) => w.message).join('\n')).toMatch(/unclosed quote/);
  });

  it('CSV: after a runaway event dropped at 1 MB in the middle of its message, the next rows are read', () => {
    const runaway = [
      'Information,11/23/2026 8:15:02 AM,Microsoft-Windows-Sysmon,3,x,"Network connection detected:',
      ...Array.from({ length: 20 }, () => 'x'.repeat(60_000)),
      // The message goes on after the reader gave up on it at 1 MB, and ends with its quote.
      'SourceIp: 10.9.9.9',
      'DestinationIp: 203.0.113.9',
      'DestinationPort: 443"',
    ];
    const rows = Array.from({ length: 5 }, (_, k) => csvRow(k + 1));
    const { report } = huntText('sysmon.csv', [HEADER, csvRow(100), ...runaway, ...rows].join('\n'), {
      format: 'windows-event-csv',
    });
    expect(devices(summary(report)).sort()).toEqual([
      '10.1.2.1',
      '10.1.2.100',
      '10.1.2.2',
      '10.1.2.3',
      '10.1.2.4',
      '10.1.2.5',
    ]);
  });

  it('XML: a numeric reference past Unicode does not stop the file', () => {
    const event = (src: string, host: string) =>
      '<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><EventID>3</EventID>' +
      '<TimeCreated SystemTime="2026-11-23T01:15:03.1234567Z"/><Computer>PC-KETOAN-01</Computer></System><EventData>' +
      `<Data Name="Protocol">tcp</Data><Data Name="SourceIp">${src}</Data><Data Name="SourcePort">51514</Data>` +
      `<Data Name="DestinationIp">203.0.113.9</Data><Data Name="DestinationHostname">${host}</Data>` +
      '<Data Name="DestinationPort">443</Data></EventData></Event>';
    const text = [
      '<Events>',
      event('10.1.2.1', 'a.example'),
      event('10.1.2.2', 'bad&#x110000;.example'),
      event('10.1.2.3', 'bad&#1114112;.example'),
      event('10.1.2.4', 'b.example'),
      '</Events>',
    ].join('\n');
    const { report, format } = huntText('sysmon.xml', text);
    expect(format).toBe('windows-event-xml');
    expect(devices(summary(report)).sort()).toEqual(['10.1.2.1', '10.1.2.2', '10.1.2.3', '10.1.2.4']);
  });

  it('XML: the unreadable character stays in the name, so a damaged name does not become a listed one', () => {
    const event = (host: string) =>
      '<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><EventID>3</EventID>' +
      '<TimeCreated SystemTime="2026-11-23T01:15:03.1234567Z"/><Computer>PC-KETOAN-01</Computer></System><EventData>' +
      '<Data Name="Protocol">tcp</Data><Data Name="SourceIp">10.1.2.5</Data><Data Name="SourcePort">51514</Data>' +
      `<Data Name="DestinationIp">192.0.2.55</Data><Data Name="DestinationHostname">${host}</Data>` +
      '<Data Name="DestinationPort">443</Data></EventData></Event>';
    // evil.example is listed: "evil&#x110000;.example" is not that name (dropping the reference would make it).
    const damaged = huntText(
      'sysmon.xml',
      ['<Events>', event('evil&#x110000;.example'), '</Events>'].join('\n'),
    );
    expect(summary(damaged.report)).toEqual([]);
    const listed = huntText('sysmon.xml', ['<Events>', event('evil.example'), '</Events>'].join('\n'));
    expect(summary(listed.report)).toEqual(['10.1.2.5 → evil.example ×1']);
  });
});
