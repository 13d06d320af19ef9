import { describe, expect, it } from 'vitest';
import { TCP_STATES } from '../domain';
import fc from 'fast-check';
import { ENDED_STATES, isEndedState, isKnownTcpState, normaliseTcpState, stateKey } from './states';

describe('normaliseTcpState', () => {
  it('maps every normalised state to itself', () => {
    for (const state of TCP_STATES) expect(normaliseTcpState(state)).toBe(state);
  });

  it('maps Windows, Linux ss and BSD spellings', () => {
    expect(normaliseTcpState('LISTENING')).toBe('LISTEN');
    expect(normaliseTcpState('ESTAB')).toBe('ESTABLISHED');
    expect(normaliseTcpState('SYN-RECV')).toBe('SYN_RECEIVED');
    expect(normaliseTcpState('FIN_WAIT1')).toBe('FIN_WAIT_1');
    expect(normaliseTcpState('TIME-WAIT')).toBe('TIME_WAIT');
    expect(normaliseTcpState('close_wait')).toBe('CLOSE_WAIT');
  });

  it('maps the German Windows words', () => {
    expect(normaliseTcpState('ABHÖREN')).toBe('LISTEN');
    expect(normaliseTcpState('HERGESTELLT')).toBe('ESTABLISHED');
    expect(normaliseTcpState('WARTEND')).toBe('TIME_WAIT');
    expect(normaliseTcpState('SCHLIESSEN_WARTEN')).toBe('CLOSE_WAIT');
    expect(normaliseTcpState('FIN_WARTEN_1')).toBe('FIN_WAIT_1');
    expect(normaliseTcpState('FIN_WARTEN_2')).toBe('FIN_WAIT_2');
    expect(normaliseTcpState('SYN_GESENDET')).toBe('SYN_SENT');
    expect(normaliseTcpState('SCHLIESSEND')).toBe('CLOSING');
  });

  it('maps the German words Checkmk reads from German Windows agents', () => {
    expect(normaliseTcpState('SYN_EMPFANGEN')).toBe('SYN_RECEIVED');
    expect(normaliseTcpState('ABH\x99REN')).toBe('LISTEN');
  });

  it('maps the Polish NASŁUCHIWANIE, in its code page and through its mojibake', () => {
    // CP852 Ł (0x9D) read as CP1250 is "ť", as CP437 "¥"; UTF-8 Ł read as CP1252 is "Å" + 0x81.
    for (const word of [
      'NASŁUCHIWANIE',
      'NASťUCHIWANIE',
      'NAS¥UCHIWANIE',
      'NASÅ\x81UCHIWANIE',
      'NAS?UCHIWANIE',
    ]) {
      expect(normaliseTcpState(word), word).toBe('LISTEN');
    }
  });

  it("maps the spellings of Microsoft's netstat page (TIMED_WAIT, SYN_SEND)", () => {
    expect(normaliseTcpState('TIMED_WAIT')).toBe('TIME_WAIT');
    expect(normaliseTcpState('SYN_SEND')).toBe('SYN_SENT');
  });

  it('does not match a word that lost more than three characters, or reduces to a stray letter or two', () => {
    expect(normaliseTcpState('ЖЖЖЖTIME_WAIT')).toBe('ЖЖЖЖTIME_WAIT');
    expect(isKnownTcpState('ЗАКРЫТО')).toBe(false);
    expect(isKnownTcpState('已关闭')).toBe(false);
    expect(isKnownTcpState('ĐÓNG')).toBe(false);
  });

  it('recognises ABHÖREN through every mojibake of the Ö', () => {
    // CP850 0x99 read as CP1252, UTF-8 read as CP1252, a lost byte, C1 control, replacement char.
    for (const word of ['ABH™REN', 'ABHÃ–REN', 'ABH?REN', 'ABH\u0099REN', 'ABH\uFFFDREN', 'ABH”REN']) {
      expect(normaliseTcpState(word), word).toBe('LISTEN');
    }
  });

  it('keeps the French, Spanish, Portuguese and Italian words no real capture prints, as printed', () => {
    // Real fr/es/pt-BR/it captures print the English words (windows-languages.ts); these were
    // once listed without a source and must not come back unchecked.
    for (const word of [
      'ÉCOUTE',
      'ESCUCHANDO',
      'ESTABLECIDO',
      'ESTABELECIDA',
      'IN ASCOLTO',
      'STABILITA',
      'FECHADO',
    ]) {
      expect(normaliseTcpState(word), word).toBe(word);
      expect(isKnownTcpState(word), word).toBe(false);
    }
  });

  it('keeps an unknown word exactly as printed, never guessing', () => {
    expect(normaliseTcpState('  ZUSTAND_X ')).toBe('ZUSTAND_X');
    expect(normaliseTcpState('ĐANG CHỜ')).toBe('ĐANG CHỜ');
    expect(isKnownTcpState('ZUSTAND_X')).toBe(false);
  });

  it('gives "" for an empty state (UDP)', () => {
    expect(normaliseTcpState('   ')).toBe('');
  });

  it('builds the tolerant key from ASCII letters and digits only', () => {
    expect(stateKey('abh™ren')).toBe('ABHREN');
    expect(stateKey('FIN_WARTEN_2')).toBe('FINWARTEN2');
  });
});

describe('isEndedState', () => {
  it('is true only for TIME_WAIT, CLOSED and DELETE_TCB, in any known spelling', () => {
    expect([...ENDED_STATES].sort()).toEqual(['CLOSED', 'DELETE_TCB', 'TIME_WAIT']);
    for (const word of [
      'TIME_WAIT',
      'TIME-WAIT',
      'TIMED_WAIT',
      'WARTEND',
      'CLOSED',
      'CLOSE',
      'DELETE_TCB',
      ' time_wait ',
    ]) {
      expect(isEndedState(word), word).toBe(true);
    }
  });

  it('is false for every live or closing state, for UDP and for every word nobody has mapped', () => {
    for (const state of TCP_STATES.filter((s) => !ENDED_STATES.has(s)))
      expect(isEndedState(state), state).toBe(false);
    const unmapped = ['', 'TOT_STAND_GEB', 'WACHT OP AFSL', 'ZAMKNIĘTE', 'ЗАКРЫТО', '已关闭', 'ĐÃ ĐÓNG'];
    // Words that look like "closed" but no real capture prints: never taken for ended.
    const unsourced = ['FECHADO', 'CERRADO', 'GESCHLOSSEN', 'FERMÉ', 'CHIUSO'];
    for (const word of [...unmapped, ...unsourced]) expect(isEndedState(word), word).toBe(false);
  });

  it('never calls a word ended unless it normalises to an ended state (10,000 random words)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 24 }), (word) => {
        expect(isEndedState(word)).toBe(ENDED_STATES.has(normaliseTcpState(word) as never));
      }),
      { numRuns: 10_000 },
    );
  });
});

describe('the remembered answers of the state words', () => {
  it('answer as before after a flood of unknown words, and each word the same every time', () => {
    const before = ['ESTAB', 'ABHÖREN', 'ABH™REN', 'HERGESTELLT', 'UNCONN', 'garbage', ''].map(
      normaliseTcpState,
    );
    for (let i = 0; i < 5000; i++) expect(normaliseTcpState(`WORD${i}X`)).toBe(`WORD${i}X`);
    expect(
      ['ESTAB', 'ABHÖREN', 'ABH™REN', 'HERGESTELLT', 'UNCONN', 'garbage', ''].map(normaliseTcpState),
    ).toEqual(before);
    expect(before.slice(0, 4)).toEqual(['ESTABLISHED', 'LISTEN', 'LISTEN', 'ESTABLISHED']);
    expect(isEndedState(' TIME_WAIT ')).toBe(true);
    expect(isEndedState(' TIME_WAIT ')).toBe(true);
    expect(isKnownTcpState('WORD42X')).toBe(false);
  });
});
