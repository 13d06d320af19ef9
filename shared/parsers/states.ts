// TCP state words as netstat and ss print them, in the display languages Windows localises them
// into, mapped to the one vocabulary of shared/domain.ts. The localised words and where each was
// seen are in windows-languages.ts; only those are listed. A capture read in the wrong code page
// turns "ABHÖREN" into "ABH™REN", "ABHÃ–REN" or "ABH?REN", so words are compared by a tolerant
// key (ASCII letters and digits, upper case) as long as only a few characters were lost.
// Anything else is kept as printed, never guessed, and is never taken for an ended connection.
import type { TcpState } from '../domain';
import { ENGLISH_STATES, WINDOWS_LANGUAGES, type SourcedWord } from './windows-languages';

/** The tolerant comparison key of a state word: upper-case ASCII letters and digits only. */
export function stateKey(word: string): string {
  return word.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

// A key this short, or a word that lost this many characters to get it, matches nothing: a
// Cyrillic or CJK word reduces to "" or a stray letter or two, which must not meet a real key.
const MIN_KEY = 4;
const MAX_LOST = 3;

/** Characters the key drops that are not plain separators (a mojibake letter, "?", "™"). */
function lostCharacters(word: string): number {
  return [...word].filter((c) => !/[A-Za-z0-9 _-]/.test(c)).length;
}

// Linux ss / net-tools and BSD spell some states their own way (net-tools netstat.c tcp_state[],
// iproute2 ss sstate_name[]).
const UNIX_SPELLINGS: Partial<Record<TcpState, readonly string[]>> = {
  LISTEN: ['LISTEN'],
  ESTABLISHED: ['ESTAB'],
  SYN_RECEIVED: ['SYN_RECV', 'SYN_RCVD'],
  FIN_WAIT_1: ['FIN_WAIT1'],
  FIN_WAIT_2: ['FIN_WAIT2'],
  CLOSED: ['CLOSE'],
};

const SPELLINGS: SourcedWord<TcpState>[] = [
  ...ENGLISH_STATES,
  ...Object.entries(UNIX_SPELLINGS).flatMap(([state, words]) =>
    (words ?? []).map((word) => ({ word, meaning: state as TcpState, source: 'net-tools, iproute2' })),
  ),
  ...WINDOWS_LANGUAGES.flatMap((l) => l.states),
];

const TABLE: ReadonlyMap<string, TcpState> = (() => {
  const table = new Map<string, TcpState>();
  const add = (key: string, state: TcpState, word: string) => {
    if (key.length < MIN_KEY) throw new Error(`state word ${word} has a key too short to compare`);
    const clash = table.get(key);
    // A clash would silently map a word to the wrong state; fail at load, in tests, instead.
    if (clash && clash !== state) throw new Error(`state key ${key} maps to both ${clash} and ${state}`);
    table.set(key, state);
  };
  // Every normalised state is its own spelling ("FIN_WAIT_1" → key FINWAIT1).
  for (const { word, meaning } of SPELLINGS) add(stateKey(word), meaning, word);
  return table;
})();

/** Normalises a TCP state word to TCP_STATES; an unknown word comes back trimmed, unchanged. */
export function normaliseTcpState(word: string): string {
  const trimmed = word.trim();
  if (trimmed === '') return '';
  return lookUp(trimmed) ?? trimmed;
}

// A capture or a live scan repeats a handful of words thousands of times (11,000 sockets, a few
// states): each word's answer is kept, up to a bound, so a flood of garbage words cannot grow it.
const KNOWN_WORDS = new Map<string, TcpState | null>();
const MAX_KNOWN_WORDS = 1024;

function lookUp(word: string): TcpState | undefined {
  let known = KNOWN_WORDS.get(word);
  if (known === undefined) {
    const key = stateKey(word);
    known = key.length < MIN_KEY || lostCharacters(word) > MAX_LOST ? null : (TABLE.get(key) ?? null);
    if (KNOWN_WORDS.size >= MAX_KNOWN_WORDS) KNOWN_WORDS.clear();
    KNOWN_WORDS.set(word, known);
  }
  return known ?? undefined;
}

/** True when the word is a known spelling of a TCP state (after the tolerant key). */
export function isKnownTcpState(word: string): boolean {
  return lookUp(word.trim()) !== undefined;
}

/** The states of a connection that is over: nothing can be sent on it any more. */
export const ENDED_STATES: ReadonlySet<TcpState> = new Set<TcpState>(['TIME_WAIT', 'CLOSED', 'DELETE_TCB']);

/**
 * True only for a KNOWN ended state (TIME_WAIT, CLOSED, DELETE_TCB, in any spelling above). An
 * unknown or localised word nobody has mapped, a UDP socket ("") and every closing-but-open state
 * (FIN_WAIT_*, CLOSE_WAIT, LAST_ACK, CLOSING) are not ended: a wrong "ended" would hide a live
 * connection to an indicator.
 */
export function isEndedState(state: string): boolean {
  const known = lookUp(state.trim());
  return known !== undefined && ENDED_STATES.has(known);
}

/**
 * States in which this side has closed the connection (it may still wait for the peer). With no
 * owning process left (Windows shows PID 0, `ss` no process) such a socket is a trace of a past
 * connection: no program can send on it any more.
 */
const LOCALLY_CLOSED_STATES: ReadonlySet<TcpState> = new Set<TcpState>([
  ...ENDED_STATES,
  'FIN_WAIT_1',
  'FIN_WAIT_2',
  'CLOSING',
  'LAST_ACK',
]);

/**
 * The one rule for "recently connected" (issue 10, point 5), used by the scan engine and the
 * verdict: a socket that has ended or that this side closed, and that no process owns any more.
 * An unknown (localised, unmapped) state word never counts, and neither does an owned socket.
 */
export function isEndedConnection(c: { state: string; pid: number | null }): boolean {
  if (c.pid !== null && c.pid !== 0) return false;
  const known = lookUp(c.state.trim());
  return known !== undefined && LOCALLY_CLOSED_STATES.has(known);
}
