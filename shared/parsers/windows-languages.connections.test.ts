// One test per display language Windows ships that the campaign meets: real-shaped `netstat -ano`
// rows and `tasklist /svc /fo csv /nh` lines in that language, written in the console's OEM code
// page, read back (right page, and the wrong one, as in shared/realdata 04 and 05), parsed.
// The words come from windows-languages.ts, where each has its source; where no real word was
// found, a stand-in word in the language's own letters shows that it is kept as printed.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { connectionsFromCaptures } from '../../services/connections/captures';
import { decodeCommandOutput, oemCodePageForLocale, SUPPORTED_CODE_PAGES } from '../../services/text-decode';
import { parseNetstat } from './netstat';
import { isEndedState, isKnownTcpState } from './states';
import { parseTasklistSvc, parseTasklistVerbose } from './tasklist';
import { ENGLISH_STATES, WINDOWS_LANGUAGES, type WindowsLanguage } from './windows-languages';

// Headers as real captures print them (the captures are named in windows-languages.ts); the
// parser never reads them, but they carry the language's letters through the code page.
const HEADERS: Record<string, string[]> = {
  'en-US': [
    'Active Connections',
    '  Proto  Local Address          Foreign Address        State           PID',
  ],
  'de-DE': [
    'Aktive Verbindungen',
    '  Proto  Lokale Adresse         Remoteadresse          Status          PID',
  ],
  'fr-FR': [
    'Connexions actives',
    '  Proto  Adresse locale         Adresse distante       État            PID',
  ],
  'es-ES': [
    'Conexiones activas',
    '  Proto  Dirección local        Dirección remota       Estado          PID',
  ],
  'it-IT': [
    'Connessioni attive',
    '  Proto  Indirizzo locale       Indirizzo esterno      Stato           PID',
  ],
  'pt-BR': ['Conexões ativas', '  Proto  Endereço local         Endereço externo       Estado          PID'],
  'ru-RU': [
    'Активные подключения',
    '  Имя    Локальный адрес        Внешний адрес          Состояние       PID',
  ],
  'zh-CN': ['活动连接', '  协议  本地地址          外部地址        状态           PID'],
  'zh-TW': ['使用中連線', '  協定   本機位址               外部位址               狀態            PID'],
  'ja-JP': [
    'アクティブな接続',
    '  プロトコル  ローカル アドレス      外部アドレス           状態            PID',
  ],
  'ko-KR': ['활성 연결', '  프로토콜  로컬 주소              외부 주소              상태            PID'],
};

/** The English words real captures show for a language whose header alone is translated. */
const printsEnglish = (l: WindowsLanguage) => l.tag === 'en-US' || l.statesNote.startsWith('English words');

/** A word in the language's own letters that no list holds: what an unmapped word looks like. */
const standIn = (l: WindowsLanguage) => l.name.split(/[\s(]/)[0].toUpperCase();

const pad = (text: string, width: number) => text.padEnd(width);
const row = (local: string, remote: string, state: string, pid: number) =>
  `  TCP    ${pad(local, 23)}${pad(remote, 23)}${pad(state, 15)} ${pid}`;

interface Expected {
  word: string;
  state: string;
  pid: number;
}

/** Rows with the language's words: its sourced words, the English ones it prints, a stand-in. */
function netstatOf(l: WindowsLanguage): { text: string; expected: Expected[] } {
  const words: { word: string; state: string }[] = [
    ...l.states.map((w) => ({ word: w.word, state: w.meaning })),
    ...(printsEnglish(l)
      ? ENGLISH_STATES.filter((w) =>
          ['LISTENING', 'ESTABLISHED', 'TIME_WAIT', 'CLOSE_WAIT'].includes(w.word),
        ).map((w) => ({ word: w.word, state: w.meaning }))
      : []),
    { word: standIn(l), state: standIn(l) },
  ];
  const expected = words.map((w, i) => ({ ...w, pid: 1000 + i }));
  const lines = [
    '',
    ...(HEADERS[l.tag] ?? []),
    ...expected.map((e, i) => row(`10.0.0.5:${50100 + i}`, '203.0.113.9:443', e.word, e.pid)),
    '  UDP    0.0.0.0:5353           *:*                                    2448',
    '',
  ];
  return { text: lines.join('\r\n'), expected };
}

/** `tasklist /svc /fo csv /nh` in the language: its N/A word, or a stand-in learned from PID 0/4. */
function svcOf(l: WindowsLanguage): { text: string; na: string; sourced: boolean } {
  const sourced = l.notAvailable.length > 0;
  const na = sourced ? l.notAvailable[0].word : `${standIn(l)}_NA`;
  const text = [
    `"System Idle Process","0","${na}"`,
    `"System","4","${na}"`,
    `"svchost.exe","840","RpcEptMapper,RpcSs"`,
    `"${l.name}.exe","2312","${na}"`,
    `"Service_KMS.exe","1432","Service KMSELDI"`,
    '',
  ].join('\r\n');
  return { text, na, sourced };
}

// Vietnamese CP1258 has no precomposed toned letters: Windows writes the letter (Ê, Ơ, Ư…) and a
// combining tone mark, which is what a capture holds (and NFC makes equal again).
const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;
const cp1258Form = (text: string) =>
  [...text.normalize('NFC')]
    .map((c) => {
      const d = c.normalize('NFD');
      return d.replace(TONES, '').normalize('NFC') + (d.match(TONES) ?? []).join('');
    })
    .join('');
const encode = (text: string, codePage: number) =>
  new Uint8Array(iconv.encode(codePage === 1258 ? cp1258Form(text) : text, `cp${codePage}`));
const nfc = (text: string) => text.normalize('NFC');

describe.each(WINDOWS_LANGUAGES.map((l) => [l.tag, l] as const))('%s', (_tag, l) => {
  it('netstat -ano in the OEM code page reads back with every sourced word mapped, the rest as printed', () => {
    const { text, expected } = netstatOf(l);
    const decoded = nfc(decodeCommandOutput(encode(text, l.oemCodePage), { codePage: l.oemCodePage }));
    expect(decoded).toBe(text);
    const { rows, errors } = parseNetstat(decoded, 'netstat.txt');
    expect(errors).toEqual([]);
    expect(rows.filter((r) => r.protocol === 'tcp').map((r) => [r.state, r.pid])).toEqual(
      expected.map((e) => [e.state, e.pid]),
    );
    expect(rows.at(-1)).toMatchObject({ protocol: 'udp', state: '', pid: 2448 });
  });

  it('keeps the stand-in word as printed, unknown and never ended', () => {
    expect(isKnownTcpState(standIn(l))).toBe(false);
    expect(isEndedState(standIn(l))).toBe(false);
  });

  it('survives the capture being read in the ANSI code page or as UTF-8 mis-read (mojibake)', () => {
    const { text, expected } = netstatOf(l);
    const asAnsi = iconv.decode(Buffer.from(encode(text, l.oemCodePage)), `cp${l.ansiCodePage}`);
    const asUtf8ReadAsAnsi = iconv.decode(iconv.encode(text, 'utf8'), `cp${l.ansiCodePage}`);
    for (const garbled of [asAnsi, asUtf8ReadAsAnsi]) {
      const tcp = parseNetstat(garbled).rows.filter((r) => r.protocol === 'tcp');
      // The PID never shifts, a sourced word still maps, and nothing becomes "ended" that was not.
      expect(tcp.map((r) => r.pid)).toEqual(expected.map((e) => e.pid));
      tcp.forEach((r, i) => {
        const e = expected[i];
        if (e.state !== e.word || isKnownTcpState(e.word)) expect(r.state, e.word).toBe(e.state);
        expect(isEndedState(r.state), e.word).toBe(isEndedState(e.state));
      });
    }
  });

  it('tasklist /svc: the N/A word is no service, in the OEM code page', () => {
    const { text, na, sourced } = svcOf(l);
    const decoded = nfc(decodeCommandOutput(encode(text, l.oemCodePage), { codePage: l.oemCodePage }));
    const { services, errors } = parseTasklistSvc(decoded, 'svc.csv');
    expect(errors).toEqual([]);
    expect(Object.fromEntries(services)).toEqual({
      0: [],
      4: [],
      840: ['RpcEptMapper', 'RpcSs'],
      2312: [],
      1432: ['Service KMSELDI'],
    });
    // A sourced word is no service even in an excerpt without the PID 0 and 4 rows.
    const excerpt = parseTasklistSvc(`"${l.name}.exe","2312","${na}"`).services.get(2312);
    expect(excerpt).toEqual(sourced ? [] : [na]);
  });

  it('tasklist /svc read in the wrong code page: the garbled N/A word is still no service', () => {
    const { text } = svcOf(l);
    const bytes = Buffer.from(encode(text, l.oemCodePage));
    for (const wrong of new Set([l.ansiCodePage, 1252, 437])) {
      const { services } = parseTasklistSvc(iconv.decode(bytes, `cp${wrong}`));
      expect(
        [0, 4, 2312].map((pid) => services.get(pid)),
        `cp${wrong}`,
      ).toEqual([[], [], []]);
      expect(services.get(840), `cp${wrong}`).toEqual(['RpcEptMapper', 'RpcSs']);
    }
  });

  it('tasklist /v: the N/A word of user name and window title reads as none', () => {
    const { na } = svcOf(l);
    const text = [
      `"System Idle Process","0","Services","0","8 K","Unknown","NT AUTHORITY\\SYSTEM","2:29:41","${na}"`,
      `"System","4","Services","0","32 K","Unknown","${na}","0:20:12","${na}"`,
      `"${l.name}.exe","2312","Console","1","21.908 K","Running","PC\\user","0:00:01","${na}"`,
    ].join('\r\n');
    const decoded = nfc(decodeCommandOutput(encode(text, l.oemCodePage), { codePage: l.oemCodePage }));
    const { rows } = parseTasklistVerbose(decoded);
    expect(rows.map((r) => [r.pid, r.userName, r.windowTitle])).toEqual([
      [0, 'NT AUTHORITY\\SYSTEM', null],
      [4, null, null],
      [2312, 'PC\\user', null],
    ]);
  });

  it('has its OEM and ANSI code pages supported, and the OEM page guessed from the locale', () => {
    expect(SUPPORTED_CODE_PAGES.has(l.oemCodePage)).toBe(true);
    expect(SUPPORTED_CODE_PAGES.has(l.ansiCodePage)).toBe(true);
    expect(oemCodePageForLocale(l.tag)).toBe(l.oemCodePage);
  });
});

describe('captures of one PC, as IT staff hand them to `scan --netstat … --tasklist-svc …`', () => {
  it('a Chinese PC: 暂缺 is no service, the connection keeps its real services (CP936)', () => {
    const netstat = [
      '',
      '活动连接',
      '',
      '  协议  本地地址          外部地址        状态           PID',
      '  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       1120',
      '  TCP    192.168.1.20:50233     203.0.113.9:443        ESTABLISHED     37564',
      '  TCP    192.168.1.20:50240     203.0.113.9:443        TIME_WAIT       0',
      '',
    ].join('\r\n');
    const svc = [
      '"System Idle Process","0","暂缺"',
      '"System","4","暂缺"',
      '"svchost.exe","1120","RpcEptMapper,RpcSs"',
      '"wslrelay.exe","37564","暂缺"',
    ].join('\r\n');
    const { connections, warnings } = connectionsFromCaptures(
      { netstat: encode(netstat, 936), tasklistSvc: encode(svc, 936) },
      { codePage: 936 },
    );
    expect(warnings).toEqual([]);
    expect(connections.map((c) => [c.localPort, c.state, c.pid, c.services])).toEqual([
      [135, 'LISTEN', 1120, ['RpcEptMapper', 'RpcSs']],
      [50233, 'ESTABLISHED', 37564, []],
      [50240, 'TIME_WAIT', 0, []],
    ]);
    expect(connections.map((c) => isEndedState(c.state))).toEqual([false, false, true]);
  });

  it('a Polish PC: NASŁUCHIWANIE is LISTEN, an unmapped Polish word stays as printed and live (CP852)', () => {
    const netstat = [
      '',
      row('0.0.0.0:8000', '0.0.0.0:0', 'NASŁUCHIWANIE', 24456),
      // A stand-in for a Polish word no real capture gives us.
      row('192.168.1.20:50233', '203.0.113.9:443', 'POŁĄCZONO', 24456),
      '',
    ].join('\r\n');
    const { connections } = connectionsFromCaptures({ netstat: encode(netstat, 852) }, { codePage: 852 });
    expect(connections.map((c) => [c.state, c.pid])).toEqual([
      ['LISTEN', 24456],
      ['POŁĄCZONO', 24456],
    ]);
    expect(isEndedState(connections[1].state)).toBe(false);
  });
});
