import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { connectionsFromCaptures } from '.';

const bytes = (path: string) =>
  new Uint8Array(readFileSync(new URL(`../../test/fixtures/${path}`, import.meta.url)));
const text = (path: string) => readFileSync(new URL(`../../test/fixtures/${path}`, import.meta.url), 'utf8');

describe('connectionsFromCaptures', () => {
  it('takes the process name from the `-b` exe lines when there is no tasklist', () => {
    const { connections, warnings } = connectionsFromCaptures({ netstat: bytes('netstat/anb-fr.txt') });
    expect(warnings).toEqual([]);
    expect(connections).toHaveLength(20);
    expect(connections.find((c) => c.localPort === 49195)).toMatchObject({
      protocol: 'udp',
      remoteAddress: '172.217.20.170',
      processName: 'chrome.exe',
      pid: null,
      services: [],
    });
    expect(connections.find((c) => c.localPort === 5353)).toMatchObject({
      processName: 'svchost.exe',
      services: ['Dnscache'],
    });
  });

  it('joins a CP850 netstat capture with tasklist captures saved on the same PC', () => {
    const netstat = new Uint8Array(iconv.encode(text('netstat/ano-en-htb.txt'), 'cp850'));
    const { connections, warnings } = connectionsFromCaptures(
      {
        netstat,
        tasklist: new Uint8Array(iconv.encode(text('tasklist/constructed-htb-tasklist.csv'), 'cp850')),
        tasklistSvc: bytes('tasklist/constructed-htb-tasklist-svc.csv'),
      },
      { codePage: 850 },
    );
    expect(warnings).toEqual([]);
    expect(connections.find((c) => c.localPort === 1433)).toMatchObject({
      pid: 3520,
      processName: 'sqlservr.exe',
      services: ['MSSQLSERVER'],
    });
    expect(connections.find((c) => c.localPort === 49672)).toMatchObject({ processName: 'Bürosoftware.exe' });
  });

  it('reads the Japanese tasklist capture (header skipped) against a netstat capture', () => {
    const netstat = new TextEncoder().encode(
      '  TCP    0.0.0.0:445   0.0.0.0:0   LISTENING   4\n  UDP    0.0.0.0:137   *:*   416\n',
    );
    const { connections } = connectionsFromCaptures({
      netstat,
      tasklist: bytes('tasklist/v-csv-ja-header.txt'),
    });
    expect(connections.map((c) => c.processName)).toEqual(['System', 'smss.exe']);
  });

  it('names the files in its warnings, and says so when a file has no netstat rows at all', () => {
    const { connections, warnings } = connectionsFromCaptures(
      { netstat: bytes('tasklist/v-csv-en-ctf.txt'), tasklist: bytes('netstat/an-es.txt') },
      { fileNames: { netstat: 'pc7/netstat.txt', tasklist: 'pc7/tasklist.csv' } },
    );
    expect(connections).toEqual([]);
    expect(warnings.some((w) => w.file === 'pc7/netstat.txt' && w.message.includes('netstat -ano'))).toBe(
      true,
    );
    expect(warnings.some((w) => w.file === 'pc7/tasklist.csv' && w.line > 0)).toBe(true);
  });
});
