// Shared memory for the indicator index: the log hunt reads several files on several worker
// threads, and each used to build its own million-indicator index. The index's tables are typed
// arrays, so they can live in SharedArrayBuffers: the thread that built the index hands the
// others a plain description (typed arrays over shared buffers, numbers, short arrays), which
// postMessage and workerData pass by reference to the memory, not by copy. Strings cannot be
// shared, so they are packed as UTF-16 code units with offsets and decoded one by one, on the
// first lookup that needs each (a miss, the common answer, never does).

type SharableArray = Uint8Array | Uint16Array | Uint32Array | Int32Array;

/** The same array in a SharedArrayBuffer (itself when it already is in one). */
export function toSharedMemory<T extends SharableArray>(a: T): T {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const Ctor = a.constructor as new (buffer: SharedArrayBuffer) => T;
  const out = new Ctor(new SharedArrayBuffer(a.byteLength));
  out.set(a);
  return out;
}

/** Strings packed for sharing: string i is units[offsets[i], offsets[i + 1]). */
export interface PackedStrings {
  units: Uint16Array;
  offsets: Uint32Array;
}

/** Packs a list of strings (holes and undefined as empty strings) into shared memory. */
export function packStrings(list: readonly (string | undefined)[]): PackedStrings {
  let total = 0;
  for (let i = 0; i < list.length; i++) total += list[i]?.length ?? 0;
  const units = new Uint16Array(new SharedArrayBuffer(total * 2));
  const offsets = new Uint32Array(new SharedArrayBuffer((list.length + 1) * 4));
  let at = 0;
  for (let i = 0; i < list.length; i++) {
    offsets[i] = at;
    const s = list[i];
    if (s === undefined) continue;
    for (let j = 0; j < s.length; j++) units[at + j] = s.charCodeAt(j);
    at += s.length;
  }
  offsets[list.length] = at;
  return { units, offsets };
}

// String.fromCharCode takes its code units as arguments: long strings (URLs) go in slices.
const CHUNK = 4096;

/** String i of a packed list. */
export function unpackString(p: PackedStrings, i: number): string {
  const start = p.offsets[i];
  const end = p.offsets[i + 1];
  if (end - start <= CHUNK)
    return String.fromCharCode.apply(null, p.units.subarray(start, end) as unknown as number[]);
  let out = '';
  for (let s = start; s < end; s += CHUNK)
    out += String.fromCharCode.apply(
      null,
      p.units.subarray(s, Math.min(end, s + CHUNK)) as unknown as number[],
    );
  return out;
}
