// Bytes to text for feed files. Feeds come from Windows machines as often as from the web, so
// UTF-16 with a byte-order mark (what PowerShell's `>` writes) must read as well as UTF-8.

/** Decoded feed text, or a description of why the bytes are not text at all. */
export interface DecodedFeed {
  text: string;
  /** Set when the bytes look like a binary file (image, archive...): what it looks like. */
  binary?: string;
}

const MAGIC: { bytes: number[]; what: string }[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'ảnh PNG / a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'ảnh JPEG / a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'ảnh GIF / a GIF image' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'tài liệu PDF / a PDF document' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'tệp nén ZIP (giải nén trước) / a ZIP archive (unzip it first)' },
  { bytes: [0x1f, 0x8b], what: 'tệp nén gzip (giải nén trước) / a gzip archive (unzip it first)' },
  { bytes: [0x4d, 0x5a], what: 'chương trình Windows (.exe/.dll) / a Windows executable' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], what: 'chương trình ELF / an ELF executable' },
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
    return looksBinary(text) ? { text, binary: 'dữ liệu nhị phân / binary data' } : { text };
  }
  const bytes = input;
  for (const magic of MAGIC) {
    if (startsWith(bytes, magic.bytes)) return { text: '', binary: magic.what };
  }
  let text: string;
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) text = decodeWith('utf-8', bytes.subarray(3));
  else if (startsWith(bytes, [0xff, 0xfe])) text = decodeWith('utf-16le', bytes.subarray(2));
  else if (startsWith(bytes, [0xfe, 0xff])) text = decodeWith('utf-16be', bytes.subarray(2));
  else if (bytes.length >= 4 && bytes[0] !== 0 && bytes[1] === 0 && bytes[2] !== 0 && bytes[3] === 0) {
    text = decodeWith('utf-16le', bytes);
  } else text = decodeWith('utf-8', bytes);
  if (text.startsWith('\ufeff')) text = text.slice(1);
  return looksBinary(text) ? { text: '', binary: 'dữ liệu nhị phân / binary data' } : { text };
}

/** Splits text into lines (CRLF, LF or CR), keeping 1-based numbering by index + 1. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\n|\r/);
}
