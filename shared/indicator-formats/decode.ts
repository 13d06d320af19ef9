// Bytes to text for feed files. Feeds come from Windows machines as often as from the web, so
// UTF-16 with a byte-order mark (what PowerShell's `>` writes) must read as well as UTF-8.
import { bilingual } from '../i18n';

/** Decoded feed text, or a description of why the bytes are not text at all. */
export interface DecodedFeed {
  text: string;
  /** Set when the bytes look like a binary file (image, archive...): what it looks like, worded. */
  binary?: string;
  /** The same as a catalogue key (msg.formats.looks.*), for a message worded per language. */
  binaryCode?: string;
}

/** Text that is not text: what it looks like, worded and as its catalogue key. */
const notText = (code: string): DecodedFeed => ({ text: '', binary: bilingual(code), binaryCode: code });

const MAGIC: { bytes: number[]; what: string }[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'msg.formats.looks.png' },
  { bytes: [0xff, 0xd8, 0xff], what: 'msg.formats.looks.jpeg' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'msg.formats.looks.gif' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'msg.formats.looks.pdf' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'msg.formats.looks.zip' },
  { bytes: [0x1f, 0x8b], what: 'msg.formats.looks.gzip' },
  { bytes: [0x4d, 0x5a], what: 'msg.formats.looks.exe' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], what: 'msg.formats.looks.elf' },
];

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

function decodeWith(label: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    // A runtime without this decoder (small-ICU builds lack utf-16be) still must not throw.
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/** True when decoded text holds NULs or many control characters, i.e. it is not a text file. */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 4096);
  if (sample.includes('\u0000')) return true;
  // eslint-disable-next-line no-control-regex -- counting control characters is the point
  const controls = sample.match(/[\u0001-\u0008\u000e-\u001a\u001c-\u001f]/g)?.length ?? 0;
  return sample.length > 0 && controls / sample.length > 0.1;
}

/** Decodes feed bytes: UTF-8 (BOM stripped), UTF-16LE/BE with BOM, BOM-less UTF-16LE by its zero bytes. */
export function decodeFeed(input: Uint8Array | string): DecodedFeed {
  if (typeof input === 'string') {
    const text = input.startsWith('\ufeff') ? input.slice(1) : input;
    return looksBinary(text) ? { ...notText('msg.formats.looks.binary'), text } : { text };
  }
  const bytes = input;
  for (const magic of MAGIC) {
    if (startsWith(bytes, magic.bytes)) return notText(magic.what);
  }
  let text: string;
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) text = decodeWith('utf-8', bytes.subarray(3));
  else if (startsWith(bytes, [0xff, 0xfe])) text = decodeWith('utf-16le', bytes.subarray(2));
  else if (startsWith(bytes, [0xfe, 0xff])) text = decodeWith('utf-16be', bytes.subarray(2));
  else if (bytes.length >= 4 && bytes[0] !== 0 && bytes[1] === 0 && bytes[2] !== 0 && bytes[3] === 0) {
    text = decodeWith('utf-16le', bytes);
  } else text = decodeWith('utf-8', bytes);
  if (text.startsWith('\ufeff')) text = text.slice(1);
  return looksBinary(text) ? notText('msg.formats.looks.binary') : { text };
}

/** Splits text into lines (CRLF, LF or CR), keeping 1-based numbering by index + 1. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\n|\r/);
}
