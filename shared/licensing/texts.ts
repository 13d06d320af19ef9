// Plain-language explanations and advice for licensing findings, from the catalogue
// (msg.licensing.*) in both languages. They are data on the finding (the CLI's JSON and the
// evidence report carry both), so they are worded here as `{vi, en}` pairs beside the rules that
// produce them, each language composed from its own catalogue text.
import { textPair, textPairBy, translate, type Language } from '../i18n';
import type { BilingualText } from '../text';

/** Bilingual text (shared/text.ts). */
export type Text2 = BilingualText;

const days = (minutes: number): string => String(Math.floor(minutes / 1440));
const productWord = (product: string): string => (/office/i.test(product) ? 'Office' : 'Windows');

/** "Windows chưa kích hoạt / Windows not activated" (or Office), the heading a notice goes under. */
export function notActivatedHeading(product: string): Text2 {
  return textPair('msg.licensing.notActivated.heading', { what: productWord(product) });
}

/**
 * What "not activated / notification / grace / evaluation" means: a copy that needs a licence. It
 * is NOT a sign of cracking (a crack makes a copy look activated), so it is said plainly and apart.
 */
export function notActivatedText(
  product: string,
  state: Text2,
  minutesLeft: number | null,
): {
  explanation: Text2;
  advice: Text2;
} {
  const params = (l: Language) => ({ what: productWord(product), product, state: state[l] });
  return {
    explanation: textPairBy((l) =>
      minutesLeft === null
        ? translate(l, 'msg.licensing.notActivated.explanation', params(l))
        : translate(l, 'msg.licensing.notActivated.explanationDaysLeft', {
            ...params(l),
            days: days(minutesLeft),
          }),
    ),
    advice: textPair('msg.licensing.notActivated.advice'),
  };
}

/** Why a KMS host that is not the agency's is a sign. */
export function kmsText(
  product: string,
  host: string,
  loopback: boolean,
): { explanation: Text2; advice: Text2 } {
  return {
    explanation: textPair(loopback ? 'msg.licensing.kms.loopback' : 'msg.licensing.kms.foreign', {
      product,
      host,
    }),
    advice: textPair('msg.licensing.kms.advice'),
  };
}

/** Why a crack tool's file, service, task, process or program entry is a sign. */
export function crackToolText(
  tool: string,
  where: Text2,
  detections: readonly string[] | undefined,
): {
  explanation: Text2;
  advice: Text2;
} {
  return {
    explanation: textPairBy((l) =>
      detections && detections.length > 0
        ? translate(l, 'msg.licensing.crackTool.explanationDetections', {
            tool,
            where: where[l],
            detections: detections.join(', '),
          })
        : translate(l, 'msg.licensing.crackTool.explanation', { tool, where: where[l] }),
    ),
    advice: textPair('msg.licensing.crackTool.advice'),
  };
}

/** How many names a grouped hosts sign spells out before "and N other names". */
const NAMES_SHOWN = 3;

/** "127.0.0.1 hoặc 0.0.0.0" / "127.0.0.1 or 0.0.0.0". */
const either = (l: Language, addresses: readonly string[]): string =>
  addresses
    .slice(1)
    .reduce(
      (first, second) => translate(l, 'msg.licensing.hostsBlock.either', { first, second }),
      addresses[0] ?? '',
    );

/**
 * Why hosts lines sending a vendor's licensing servers to loopback are a sign. One name is worded
 * as that one line; a block (the usual case: a crack writes 20-30 lines) is one sign that says how
 * many lines and names a few of the blocked names.
 */
export function hostsBlockText(
  vendor: string,
  names: readonly string[],
  addresses: readonly string[],
  lines: number,
): { explanation: Text2; advice: Text2 } {
  if (lines === 1 && names.length === 1)
    return {
      explanation: textPairBy((l) =>
        translate(l, 'msg.licensing.hostsBlock.oneName', {
          name: names[0],
          vendor,
          address: either(l, addresses),
        }),
      ),
      advice: textPair('msg.licensing.hostsBlock.oneNameAdvice', { vendor }),
    };
  const shown = names.slice(0, NAMES_SHOWN).join(', ');
  const otherNames = names.length - NAMES_SHOWN;
  const list = (l: Language): string =>
    otherNames > 0
      ? translate(l, 'msg.licensing.hostsBlock.namesAndMore', { names: shown, otherNames })
      : shown;
  // Digits as before (a quantity parameter would write 1.234); English says one line apart.
  const lineCount = String(lines);
  return {
    explanation: textPairBy((l) =>
      translate(l, lines === 1 ? 'msg.licensing.hostsBlock.oneLine' : 'msg.licensing.hostsBlock.lines', {
        lineCount,
        vendor,
        names: list(l),
        address: either(l, addresses),
      }),
    ),
    advice: textPair(
      lines === 1 ? 'msg.licensing.hostsBlock.oneLineAdvice' : 'msg.licensing.hostsBlock.linesAdvice',
      { vendor, lineCount },
    ),
  };
}
