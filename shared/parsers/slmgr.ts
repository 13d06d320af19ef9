// Parser for Windows activation reports: `slmgr.vbs /dli`, `/dlv`, `/xpr` and Office's
// `ospp.vbs /dstatus`. The labels are translated on every display language ("License Status",
// "许可证状态", ...), so lines are recognised by the SHAPE of their value, never by the label:
//   - a licensing channel token (VOLUME_KMSCLIENT, RETAIL, OEM_DM, TIMEBASED_EVAL ...) → description,
//     and the key/value line just before it → product name (starts a new product);
//   - five product-key characters → partial product key;
//   - host:port → KMS machine name (label mentions "DNS" → discovered, else registered);
//   - two integers, one in parentheses ("253564 minute(s) (177 day(s))") → minutes left;
//   - a value in the status vocabulary below, else the line after the partial key → status.
// The console wraps long lines mid-word ("VOLUME_KMSCLIENT chan" / "nel"): a lone ASCII fragment
// after a key/value line is glued back onto it.
import type { ParseIssue } from '../domain';
import { bilingual } from '../i18n';

/** Normalised license status. "unknown" keeps `statusText` for a person to read; never guessed. */
export type LicenseState =
  | 'licensed'
  | 'unlicensed'
  | 'notification'
  | 'initial-grace'
  | 'additional-grace'
  | 'non-genuine-grace'
  | 'extended-grace'
  | 'unknown';

/** A line of the report kept as evidence: its text (trimmed) and 1-based line number. */
export interface EvidenceLine {
  text: string;
  line: number;
}

/** One licensed product (Windows edition, Office edition) as the report describes it. */
export interface SlmgrProduct {
  name: string | null;
  description: string | null;
  /** Channel token, normalised: "VOLUME_KMSCLIENT", "RETAIL", "OEM_DM", "TIMEBASED_EVAL"... */
  channel: string | null;
  partialKey: string | null;
  state: LicenseState | null;
  status: EvidenceLine | null;
  /** Minutes left on the volume activation or the grace period, when the report says. */
  minutesLeft: number | null;
  expiry: EvidenceLine | null;
  /** KMS host as printed ("kms.example:1688"), and where Windows got it. */
  kmsHost: string | null;
  kmsHostSource: 'dns' | 'registered' | null;
  kmsHostLine: EvidenceLine | null;
  kmsIp: string | null;
  /** `/xpr`: the expiry sentence ("Volume activation will expire 2015/04/06 09:57:03"). */
  xpr: EvidenceLine | null;
  /** `/xpr` said "permanently activated" (English only; other languages leave it false). */
  permanent: boolean;
  /** First line of the product block. */
  line: number;
}

/** Result of parsing one activation report. */
export interface SlmgrReport {
  products: SlmgrProduct[];
  errors: ParseIssue[];
}

// Status words as slmgr/ospp print them. English, Office's ---TOKENS---, and the display
// languages we have captures or Microsoft terminology for. Anything else → "unknown".
const STATUS_WORDS: [RegExp, LicenseState][] = [
  [/^-+\s*licensed\s*-+$/i, 'licensed'],
  [/^-+\s*unlicensed\s*-+$/i, 'unlicensed'],
  [/^-+\s*notifications?\s*-+$/i, 'notification'],
  [/^-+\s*oob_grace\s*-+$/i, 'initial-grace'],
  [/^-+\s*oot_grace\s*-+$/i, 'additional-grace'],
  [/^-+\s*non_genuine_grace\s*-+$/i, 'non-genuine-grace'],
  [/^-+\s*extended[ _]grace\s*-+$/i, 'extended-grace'],
  [/^licensed\.?$/i, 'licensed'],
  [/^unlicensed\.?$/i, 'unlicensed'],
  [/^notification\b/i, 'notification'],
  [/^initial grace period/i, 'initial-grace'],
  [/^additional grace period/i, 'additional-grace'],
  [/^non-genuine grace period/i, 'non-genuine-grace'],
  [/^extended grace period/i, 'extended-grace'],
  // zh-CN
  [/^已授权/, 'licensed'],
  [/^未授权/, 'unlicensed'],
  [/^通知/, 'notification'],
  [/^初始宽限期/, 'initial-grace'],
  [/^其他宽限期/, 'additional-grace'],
  [/^非正版宽限期/, 'non-genuine-grace'],
  [/^延长宽限期/, 'extended-grace'],
  // vi-VN
  [/^đã cấp phép/i, 'licensed'],
  [/^chưa cấp phép|^không được cấp phép/i, 'unlicensed'],
  [/^thông báo/i, 'notification'],
  // de, fr, es
  [/^lizenziert/i, 'licensed'],
  [/^nicht lizenziert/i, 'unlicensed'],
  [/^benachrichtigung/i, 'notification'],
  [/^sous licence|^licencié/i, 'licensed'],
  [/^sans licence|^non licencié/i, 'unlicensed'],
  [/^con licencia/i, 'licensed'],
  [/^sin licencia/i, 'unlicensed'],
  [/^notificación/i, 'notification'],
];

const CHANNEL = /(?:^|[\s,])((?:VOLUME|RETAIL|OEM|TIMEBASED)(?:\\?[_-][A-Z0-9]+)*)(?=\s+\S*|$)/;
const PARTIAL_KEY = /^[A-Z0-9]{5}$/;
const HOST_PORT = /^(?:\[[0-9a-fA-F:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?):\d{1,5}$/;
const IP_LITERAL = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-fA-F]*:[0-9a-fA-F:.]+)$/;
const MINUTES_DAYS = /^\D*?(\d+)\D*?[(（]\s*(\d+)/;
const DATE_TIME = /\d{4}[/.-]\d{1,2}[/.-]\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{4}/;

interface KvLine {
  key: string;
  value: string;
  text: string;
  line: number;
}

/** Splits at the first ASCII or full-width colon; lines without one are not key/value lines. */
function splitKv(text: string, line: number): KvLine | null {
  const m = /^([^:：]+)[:：](.*)$/.exec(text.trim());
  if (!m) return null;
  return { key: m[1].trim(), value: m[2].trim(), text: text.trim(), line };
}

/** Maps a status value to a state, or null when it is not a status word. */
export function licenseStateOf(value: string): LicenseState | null {
  const v = value.trim();
  for (const [re, state] of STATUS_WORDS) if (re.test(v)) return state;
  return null;
}

/** Glues console-wrapped fragments back: "… VOLUME_KMSCLIENT chan" + "nel" → "… channel". */
function unwrap(lines: string[]): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  lines.forEach((raw, i) => {
    const text = raw.replace(/\r$/, '');
    const prev = out[out.length - 1];
    if (
      prev &&
      /^[a-z0-9_]{1,12}$/.test(text) &&
      /[A-Za-z]$/.test(prev.text) &&
      splitKv(prev.text, prev.line)?.value
    ) {
      prev.text += text;
      return;
    }
    out.push({ text, line: i + 1 });
  });
  return out;
}

const emptyProduct = (line: number): SlmgrProduct => ({
  name: null,
  description: null,
  channel: null,
  partialKey: null,
  state: null,
  status: null,
  minutesLeft: null,
  expiry: null,
  kmsHost: null,
  kmsHostSource: null,
  kmsHostLine: null,
  kmsIp: null,
  xpr: null,
  permanent: false,
  line,
});

/** Parses slmgr /dli, /dlv, /xpr or ospp /dstatus output (any display language) into products. */
export function parseSlmgr(text: string, file: string): SlmgrReport {
  const lines = unwrap(text.replace(/^\uFEFF/, '').split('\n'));
  const products: SlmgrProduct[] = [];
  const errors: ParseIssue[] = [];
  // Held in an object so the helpers below can replace it (closures defeat narrowing of a let).
  const st: { current: SlmgrProduct | null } = { current: null };
  let prevKv: KvLine | null = null;
  let afterPartialKey = false;
  // /xpr prints "<product name>:" then an indented sentence; remember the pending name.
  let xprName: { name: string; line: number } | null = null;

  const ensure = (line: number): SlmgrProduct => {
    if (!st.current) {
      st.current = emptyProduct(line);
      products.push(st.current);
    }
    return st.current;
  };

  for (const { text: raw, line } of lines) {
    const trimmed = raw.trim();
    if (trimmed === '') continue;
    const date = DATE_TIME.exec(trimmed);
    const colon = trimmed.search(/[:：]/);
    if (date && (colon === -1 || colon > date.index)) {
      // "/xpr" sentence: "Volume activation will expire 2015/04/06 09:57:03"
      const p = xprName ? startProduct(xprName.name, xprName.line) : ensure(line);
      p.xpr = { text: trimmed, line };
      xprName = null;
      continue;
    }
    const kv = splitKv(raw, line);
    if (!kv) {
      if (xprName && /permanently activated/i.test(trimmed)) {
        const p = startProduct(xprName.name, xprName.line);
        p.permanent = true;
        p.xpr = { text: trimmed, line };
        xprName = null;
      }
      continue;
    }
    if (kv.value === '') {
      // A product heading in /xpr ("Windows(R) 7, Enterprise edition:"), or a section heading.
      if (/windows|office/i.test(kv.key)) xprName = { name: kv.key, line };
      prevKv = kv;
      continue;
    }
    const channel = CHANNEL.exec(kv.value);
    if (channel && /channel|通道|kanal|canal|kênh/i.test(kv.value)) {
      // The description: the line before it (when it is a key/value line) is the product name.
      const nameLine = prevKv && prevKv.line < line && prevKv.value !== '' ? prevKv : null;
      const p = startProduct(nameLine?.value ?? null, nameLine?.line ?? line);
      p.description = kv.value;
      p.channel = channel[1].replace(/\\/g, '').replace(/-/g, '_').toUpperCase();
      afterPartialKey = false;
      prevKv = kv;
      continue;
    }
    const state = licenseStateOf(kv.value);
    if (state) {
      const p = ensure(line);
      p.state = state;
      p.status = { text: kv.text, line };
    } else if (PARTIAL_KEY.test(kv.value)) {
      ensure(line).partialKey = kv.value;
      afterPartialKey = true;
      prevKv = kv;
      continue;
    } else if (afterPartialKey && !/^\d/.test(kv.value) && st.current && !st.current.status) {
      st.current.state = 'unknown';
      st.current.status = { text: kv.text, line };
      errors.push({
        file,
        line,
        message: bilingual('msg.parse.licenseStatusUnknown', { value: kv.value }),
      });
    } else if (HOST_PORT.test(kv.value) && !/^volume:/i.test(kv.value)) {
      const p = ensure(line);
      p.kmsHost = kv.value;
      p.kmsHostSource = /dns/i.test(kv.key) ? 'dns' : 'registered';
      p.kmsHostLine = { text: kv.text, line };
    } else if (IP_LITERAL.test(kv.value) && /\bIP\b/i.test(kv.key)) {
      ensure(line).kmsIp = kv.value;
    } else {
      const md = MINUTES_DAYS.exec(kv.value);
      if (md) {
        const p = ensure(line);
        p.minutesLeft = Math.max(Number(md[1]), Number(md[2]));
        p.expiry = { text: kv.text, line };
      }
    }
    afterPartialKey = false;
    prevKv = kv;
  }
  return { products, errors };

  function startProduct(name: string | null, line: number): SlmgrProduct {
    const p = emptyProduct(line);
    p.name = name;
    products.push(p);
    st.current = p;
    return p;
  }
}
