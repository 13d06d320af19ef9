import { describe, expect, it } from 'vitest';
import { TCP_STATES } from '../domain';
import { isKnownTcpState, normaliseTcpState, stateKey } from './states';

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

  it('recognises ABHÖREN through every mojibake of the Ö', () => {
    // CP850 0x99 read as CP1252, UTF-8 read as CP1252, a lost byte, C1 control, replacement char.
    for (const word of ['ABH™REN', 'ABHÃ–REN', 'ABH?REN', 'ABH\u0099REN', 'ABH\uFFFDREN', 'ABH”REN']) {
      expect(normaliseTcpState(word), word).toBe('LISTEN');
    }
  });

  it('keeps the French, Spanish, Portuguese and Italian words no real capture prints, as printed', () => {
    // Real fr/es/pt-BR/it captures print the English words (windows-languages.ts); these were
    // once listed without a source and must not come back unchecked.
    for (const word of ['ÉCOUTE', 'ESCUCHANDO', 'ESTABLECIDO', 'ESTABELECIDA', 'IN ASCOLTO', 'STABILITA', 'FECHADO']) {
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
