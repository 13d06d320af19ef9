// TCP state words as netstat and ss print them, in the display languages Windows localises them
// into, mapped to the one vocabulary of shared/domain.ts. Windows translates the state column
// (de-DE prints "ABHÖREN", it-IT "IN ASCOLTO"), and a capture read in the wrong code page turns
// "ABHÖREN" into "ABH™REN", "ABHÃ–REN" or "ABH?REN". So words are compared by a tolerant key:
// ASCII letters and digits only, upper case. Only words whose meaning is certain are listed;
// anything else is kept as printed, never guessed.
import type { TcpState } from '../domain';

/** The tolerant comparison key of a state word: upper-case ASCII letters and digits only. */
export function stateKey(word: string): string {
  return word.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

const WORDS: Record<TcpState, readonly string[]> = {
  LISTEN: [
    'LISTEN',
    'LISTENING',
    // German: ABHÖREN (any mojibake of Ö drops out of the key) and its ASCII spelling.
    'ABHÖREN',
    'ABHOEREN',
    'ABHOREN',
    // French, Spanish, Portuguese, Italian.
    'ÉCOUTE',
    'ECOUTE',
    'EN ÉCOUTE',
    'ESCUCHANDO',
    'ESCUTANDO',
    'OUVINDO',
    'IN ASCOLTO',
  ],
  ESTABLISHED: [
    'ESTABLISHED',
    'ESTAB',
    'HERGESTELLT',
    'ÉTABLI',
    'ETABLI',
    'ESTABLECIDO',
    'ESTABLECIDA',
    'ESTABELECIDO',
    'ESTABELECIDA',
    'STABILITO',
    'STABILITA',
  ],
  SYN_SENT: ['SYN_SENT', 'SYN-SENT', 'SYN_GESENDET', 'SYN_ENVOYÉ', 'SYN_ENVIADO'],
  SYN_RECEIVED: [
    'SYN_RECEIVED',
    'SYN_RECV',
    'SYN-RECV',
    'SYN_RCVD',
    'SYN_EMPFANGEN',
    'SYN_REÇU',
    'SYN_RECIBIDO',
  ],
  FIN_WAIT_1: ['FIN_WAIT_1', 'FIN_WAIT1', 'FIN-WAIT-1', 'FIN_WARTEN_1'],
  FIN_WAIT_2: ['FIN_WAIT_2', 'FIN_WAIT2', 'FIN-WAIT-2', 'FIN_WARTEN_2'],
  CLOSE_WAIT: ['CLOSE_WAIT', 'CLOSE-WAIT', 'SCHLIESSEN_WARTEN'],
  CLOSING: ['CLOSING', 'SCHLIESSEND'],
  LAST_ACK: ['LAST_ACK', 'LAST-ACK', 'LETZTES_ACK'],
  // German Windows says WARTEND ("waiting") for TIME_WAIT.
  TIME_WAIT: ['TIME_WAIT', 'TIME-WAIT', 'WARTEND'],
  CLOSED: ['CLOSED', 'CLOSE', 'GESCHLOSSEN', 'FERMÉ', 'CERRADO', 'FECHADO', 'CHIUSO'],
  DELETE_TCB: ['DELETE_TCB'],
  BOUND: ['BOUND', 'GEBUNDEN'],
};

const TABLE: ReadonlyMap<string, TcpState> = (() => {
  const table = new Map<string, TcpState>();
  for (const [state, words] of Object.entries(WORDS) as [TcpState, readonly string[]][]) {
    for (const word of words) {
      const key = stateKey(word);
      const clash = table.get(key);
      // A clash would silently map a word to the wrong state; fail at load, in tests, instead.
      if (clash && clash !== state) throw new Error(`state key ${key} maps to both ${clash} and ${state}`);
      table.set(key, state);
    }
  }
  return table;
})();

/** Normalises a TCP state word to TCP_STATES; an unknown word comes back trimmed, unchanged. */
export function normaliseTcpState(word: string): string {
  const trimmed = word.trim();
  if (trimmed === '') return '';
  return TABLE.get(stateKey(trimmed)) ?? trimmed;
}

/** True when the word is a known spelling of a TCP state (after the tolerant key). */
export function isKnownTcpState(word: string): boolean {
  return TABLE.has(stateKey(word));
}
