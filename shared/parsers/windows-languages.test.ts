import { describe, expect, it } from 'vitest';
import { parseNetstat } from './netstat';
import { isEndedConnection, isKnownTcpState, normaliseTcpState } from './states';
import { isNoService, isNotAvailable, parseTasklistSvc } from './tasklist';
import { ENGLISH_STATES, UNVERIFIED_WORDS, WINDOWS_LANGUAGES } from './windows-languages';

describe('WINDOWS_LANGUAGES', () => {
  it('covers the display languages the campaign meets, with their OEM and ANSI code pages', () => {
    expect(
      Object.fromEntries(WINDOWS_LANGUAGES.map((l) => [l.tag, [l.oemCodePage, l.ansiCodePage]])),
    ).toEqual({
      'vi-VN': [1258, 1258],
      'en-US': [437, 1252],
      'de-DE': [850, 1252],
      'fr-FR': [850, 1252],
      'es-ES': [850, 1252],
      'it-IT': [850, 1252],
      'pt-BR': [850, 1252],
      'pt-PT': [850, 1252],
      'pl-PL': [852, 1250],
      'ru-RU': [866, 1251],
      'uk-UA': [866, 1251],
      'cs-CZ': [852, 1250],
      'nl-NL': [850, 1252],
      'sv-SE': [850, 1252],
      'tr-TR': [857, 1254],
      'zh-CN': [936, 936],
      'zh-TW': [950, 950],
      'ja-JP': [932, 932],
      'ko-KR': [949, 949],
    });
  });

  it('gives every word a source and every language a note on what was (not) found', () => {
    for (const l of WINDOWS_LANGUAGES) {
      expect(l.statesNote, l.tag).not.toBe('');
      for (const w of [...l.states, ...l.notAvailable])
        expect(w.source.length, `${l.tag} ${w.word}`).toBeGreaterThan(10);
      if (l.notAvailable.length === 0) expect(l.notAvailableNote, l.tag).not.toBe('');
    }
    for (const w of ENGLISH_STATES) expect(w.source, w.word).not.toBe('');
  });

  it('maps every sourced state word to its meaning', () => {
    for (const w of [...ENGLISH_STATES, ...WINDOWS_LANGUAGES.flatMap((l) => l.states)]) {
      expect(normaliseTcpState(w.word), w.word).toBe(w.meaning);
    }
  });

  it('reads the sourced "N/A" words as none: 暂缺 (zh-CN), Н/Д (ru-RU), Nicht zutreffend (de-DE), N/A', () => {
    for (const word of ['暂缺', 'Н/Д', 'н/д', 'N/A', 'n/a', 'Nicht zutreffend', 'nicht zutreffend'])
      expect(isNotAvailable(word), word).toBe(true);
  });

  it('de-DE: the quoted German `tasklist /svc /nh /fo csv` rows give no service to PID 0 and 4 or to an "N/A" process', () => {
    // The two rows as the source quotes them, then real-shaped rows of the same capture form.
    const svc = [
      '"System Idle Process","0","Nicht zutreffend"',
      '"System","4","Nicht zutreffend"',
      '"svchost.exe","840","RpcEptMapper,RpcSs"',
      '"explorer.exe","4120","Nicht zutreffend"',
      '"Service_KMS.exe","1432","Service KMSELDI"',
    ].join('\r\n');
    const { services, errors } = parseTasklistSvc(svc);
    expect(errors).toEqual([]);
    expect(Object.fromEntries(services)).toEqual({
      0: [],
      4: [],
      840: ['RpcEptMapper', 'RpcSs'],
      4120: [],
      1432: ['Service KMSELDI'],
    });
    // A filtered capture (`/fi "PID eq 4120"`) has no PID 0/4 rows to learn the word from.
    expect(parseTasklistSvc('"explorer.exe","4120","Nicht zutreffend"').services.get(4120)).toEqual([]);
  });

  it('tr-TR: the disagreeing words of constructed tests stay as printed and never make a socket "ended"', () => {
    const { rows } = parseNetstat(
      [
        'Etkin Bağlantılar',
        '',
        '  Proto  Yerel Adres            Yabancı Adres          Durum           PID',
        '  TCP    0.0.0.0:9000           0.0.0.0:0              DİNLENİYOR      31416',
        '  TCP    192.168.1.5:51001      203.0.113.9:443        KURULDU         0',
        '  TCP    192.168.1.5:51002      203.0.113.9:443        TIME_WAIT       0',
      ].join('\r\n'),
    );
    expect(rows.map((r) => r.state)).toEqual(['DİNLENİYOR', 'KURULDU', 'TIME_WAIT']);
    expect(rows.map((r) => isEndedConnection(r))).toEqual([false, false, true]);
  });

  it('uses none of the unverified words', () => {
    for (const word of UNVERIFIED_WORDS) {
      expect(isKnownTcpState(word), word).toBe(false);
      expect(isNotAvailable(word), word).toBe(false);
    }
  });
});

describe('the mojibake each language documents', () => {
  it('still reads: ABH™REN and NASťUCHIWANIE as LISTEN, Ќ/„ and (with its PID 0/4 rows) ÔÝÈ± as no service', () => {
    expect(normaliseTcpState('ABH™REN')).toBe('LISTEN');
    expect(normaliseTcpState('ABHÃ–REN')).toBe('LISTEN');
    expect(normaliseTcpState('NASťUCHIWANIE')).toBe('LISTEN');
    expect(normaliseTcpState('NAS¥UCHIWANIE')).toBe('LISTEN');
    expect(isNoService('Ќ/„')).toBe(true);
    const svc = '"System Idle Process","0","ÔÝÈ±"\r\n"System","4","ÔÝÈ±"\r\n"wslrelay.exe","37564","ÔÝÈ±"';
    expect(parseTasklistSvc(svc).services.get(37564)).toEqual([]);
    for (const l of WINDOWS_LANGUAGES.filter((x) => x.mojibake))
      expect(l.mojibake, l.tag).toMatch(/ read as /);
  });
});
