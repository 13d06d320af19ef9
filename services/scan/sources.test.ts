import iconv from 'iconv-lite';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createReplayRunner } from '../command-runner';
import {
  createDnsCacheSource,
  createHostsFileSource,
  dnsCacheFromCapture,
  hostsFilePath,
  hostsFilePaths,
} from './sources';
import { fixture, sections } from '../../test/support/scan/fixtures';

const german = sections(fixture('dns/ipconfig-displaydns-realdata.txt')).D;

describe('createDnsCacheSource', () => {
  it('runs exactly "ipconfig /displaydns" by its full System32 path and decodes its OEM bytes (CP850 German)', async () => {
    const ran: string[] = [];
    const ipconfig = 'C:\\Windows\\System32\\ipconfig.exe';
    const runner = createReplayRunner(
      { [`${ipconfig} /displaydns`]: iconv.encode(german, 'cp850') },
      (f, a) => ran.push([f, ...a].join(' ')),
    );
    const read = await createDnsCacheSource({ runner, platform: 'win32', codePage: 850 })();
    // Never a bare "ipconfig": a planted ipconfig.exe in the working directory or on PATH would run.
    expect(ran).toEqual([`${ipconfig} /displaydns`]);
    const elsewhere: string[] = [];
    await createDnsCacheSource({
      runner: createReplayRunner({}, (f) => elsewhere.push(f)),
      platform: 'win32',
      systemDir: 'D:\\WINNT\\System32\\',
    })();
    expect(elsewhere).toEqual(['D:\\WINNT\\System32\\ipconfig.exe']);
    expect(read.records.map((r) => `${r.name} ${r.type} ${r.data}`)).toEqual(['github.com A 140.82.121.4']);
    expect(read.warnings).toEqual([]);
  });

  it('decodes UTF-16LE output with a BOM (PowerShell redirection)', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(german, 'utf-16le')]);
    const read = await createDnsCacheSource({
      runner: createReplayRunner({ 'C:\\Windows\\System32\\ipconfig.exe /displaydns': bytes }),
      platform: 'win32',
    })();
    expect(read.records).toHaveLength(1);
  });

  it('turns a failing ipconfig into a warning, not a crash', async () => {
    const runner = { run: () => Promise.reject(new Error('cannot run ipconfig: ENOENT')) };
    const read = await createDnsCacheSource({ runner, platform: 'win32' })();
    expect(read.records).toEqual([]);
    expect(read.warnings[0].message).toContain('cannot run ipconfig');
  });

  it('runs nothing where the OS keeps no listable cache', async () => {
    const ran: string[] = [];
    const runner = createReplayRunner({}, (f) => ran.push(f));
    expect(await createDnsCacheSource({ runner, platform: 'linux' })()).toEqual({
      records: [],
      warnings: [],
    });
    expect(ran).toEqual([]);
  });

  it('reads a saved Get-DnsClientCache capture detected from its content', async () => {
    const ps = sections(fixture('dns/get-dnsclientcache-realdata.txt')).E;
    const read = await dnsCacheFromCapture(new TextEncoder().encode(ps), 'pc42-dns.txt')();
    expect(read.records.map((r) => r.data)).toEqual(['93.184.216.34']);
  });
});

describe('createHostsFileSource', () => {
  it('uses %SystemRoot% on Windows and /etc/hosts elsewhere', () => {
    expect(hostsFilePath('win32', { SystemRoot: 'D:\\WINNT' })).toBe(
      'D:\\WINNT\\System32\\drivers\\etc\\hosts',
    );
    expect(hostsFilePath('win32', {})).toBe('C:\\Windows\\System32\\drivers\\etc\\hosts');
    expect(hostsFilePath('darwin', { SystemRoot: 'x' })).toBe('/etc/hosts');
  });

  it('reads and parses the file through the injected reader', async () => {
    const files: Record<string, string> = { '/etc/hosts': '127.0.0.1 localhost\n0.0.0.0 c2.evil.example\n' };
    const read = await createHostsFileSource({
      path: '/etc/hosts',
      readFile: (p) => Promise.resolve(new TextEncoder().encode(files[p])),
    })();
    expect(read.records.map((r) => r.name)).toEqual(['localhost', 'c2.evil.example']);
  });

  it('treats a missing file as empty and an unreadable one as a warning with what to do', async () => {
    const fail = (code: string) => () => Promise.reject(Object.assign(new Error(code), { code }));
    expect(await createHostsFileSource({ path: 'h', readFile: fail('ENOENT') })()).toEqual({
      records: [],
      warnings: [],
    });
    const denied = await createHostsFileSource({ path: 'h', readFile: fail('EACCES') })();
    expect(denied.warnings[0].message).toMatch(/EACCES.*--hosts FILE/);
  });

  it('on Windows also reads hosts.ics beside hosts, where Internet Connection Sharing writes its entries', () => {
    expect(hostsFilePaths('win32', { SystemRoot: 'D:\\WINNT' })).toEqual([
      'D:\\WINNT\\System32\\drivers\\etc\\hosts',
      'D:\\WINNT\\System32\\drivers\\etc\\hosts.ics',
    ]);
    expect(hostsFilePaths('linux', {})).toEqual(['/etc/hosts']);
  });

  it('reads hosts then hosts.ics from disk, each record naming its file; a missing hosts.ics is no problem', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hosts-ics-'));
    try {
      const hosts = join(dir, 'hosts');
      const ics = join(dir, 'hosts.ics');
      writeFileSync(hosts, '127.0.0.1 localhost\r\n0.0.0.0 blocked.evil.example\r\n');
      const source = createHostsFileSource({ path: [hosts, ics], readFile: (p) => readFile(p) });
      expect((await source()).records.map((r) => r.name)).toEqual(['localhost', 'blocked.evil.example']);
      writeFileSync(ics, fixture('hosts/hosts.ics'));
      const read = await source();
      expect(read.warnings).toEqual([]);
      expect(read.records.map((r) => [r.name, r.data, r.file])).toEqual([
        ['localhost', '127.0.0.1', hosts],
        ['blocked.evil.example', '0.0.0.0', hosts],
        ['desktop-kt24.mshome.net', '192.168.137.1', ics],
        ['c2.evil.example', '192.168.137.48', ics],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
