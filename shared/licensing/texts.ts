// Plain-language explanations and advice for licensing findings, Vietnamese first, English second.
// They are data on the finding (the CLI's JSON and the evidence report carry them), so they live
// here beside the rules that produce them rather than in the renderer's catalogues.
import type { BilingualText } from '../text';

/** Bilingual text (shared/text.ts). */
export type Text2 = BilingualText;

const days = (minutes: number | null): string => (minutes === null ? '' : String(Math.floor(minutes / 1440)));

/** "Windows chưa kích hoạt / Windows not activated" (or Office), the heading a notice goes under. */
export function notActivatedHeading(product: string): Text2 {
  const what = /office/i.test(product) ? 'Office' : 'Windows';
  return { vi: `${what} chưa kích hoạt`, en: `${what} not activated` };
}

/**
 * What "not activated / notification / grace / evaluation" means: a copy that needs a licence. It
 * is NOT a sign of cracking (a crack makes a copy look activated), so it is said plainly and apart.
 */
export function notActivatedText(
  product: string,
  state: string,
  minutesLeft: number | null,
): {
  explanation: Text2;
  advice: Text2;
} {
  const heading = notActivatedHeading(product);
  const left =
    minutesLeft === null
      ? { vi: '', en: '' }
      : { vi: ` Còn khoảng ${days(minutesLeft)} ngày.`, en: ` About ${days(minutesLeft)} day(s) left.` };
  return {
    explanation: {
      vi: `${heading.vi}: ${product} (trạng thái: ${state}).${left.vi} Đây không phải dấu hiệu bẻ khóa; máy cần được kích hoạt bản quyền.`,
      en: `${heading.en}: ${product} (state: ${state}).${left.en} This is not a sign of cracking; the copy needs a licence.`,
    },
    advice: {
      vi: 'Kích hoạt bằng khóa bản quyền hoặc máy chủ KMS của cơ quan; không dùng công cụ kích hoạt trôi nổi. Liên hệ bộ phận CNTT nếu không rõ.',
      en: "Activate with a genuine key or the agency's KMS host; never with an activator downloaded from the Internet. Ask IT if unsure.",
    },
  };
}

/** Why a KMS host that is not the agency's is a sign. */
export function kmsText(
  product: string,
  host: string,
  loopback: boolean,
): { explanation: Text2; advice: Text2 } {
  return {
    explanation: loopback
      ? {
          vi: `${product} được kích hoạt qua máy chủ KMS ngay trên máy này (${host}): đây là dấu hiệu điển hình của công cụ bẻ khóa như KMSpico/KMSAuto.`,
          en: `${product} is activated against a KMS host on this very machine (${host}): the typical sign of an activator such as KMSpico/KMSAuto.`,
        }
      : {
          vi: `${product} được kích hoạt qua máy chủ KMS ${host}, không phải máy chủ KMS của cơ quan. Máy chủ KMS công cộng là dịch vụ kích hoạt lậu.`,
          en: `${product} is activated against the KMS host ${host}, which is not the agency's. Public KMS hosts are piracy services.`,
        },
    advice: {
      vi: 'Gỡ công cụ kích hoạt (nếu có), đặt lại máy chủ KMS của cơ quan (slmgr /skms <máy-chủ>) hoặc nhập khóa bản quyền, rồi kích hoạt lại (slmgr /ato). Nếu đây đúng là máy chủ KMS của cơ quan, thêm nó vào Cài đặt.',
      en: "Remove any activator, point Windows at the agency's KMS host (slmgr /skms <host>) or enter a genuine key, then re-activate (slmgr /ato). If this IS the agency's KMS host, add it in Settings.",
    },
  };
}

/** Why a crack tool's file, service, task, process or program entry is a sign. */
export function crackToolText(
  tool: string,
  where: string,
  detections: readonly string[] | undefined,
): {
  explanation: Text2;
  advice: Text2;
} {
  const av = detections && detections.length > 0 ? ` (${detections.join(', ')})` : '';
  return {
    explanation: {
      vi: `Tìm thấy dấu vết của ${tool}${av} (${where}). Đây là công cụ bẻ khóa/kích hoạt lậu; chúng tắt bảo vệ, chạy với quyền SYSTEM và hay bị cài kèm mã độc.`,
      en: `Found a trace of ${tool}${av} (${where}). It is a crack/activation tool; such tools disable protection, run as SYSTEM and often ship with malware.`,
    },
    advice: {
      vi: 'Dùng "Dọn dẹp có hướng dẫn": sao lưu rồi gỡ dịch vụ/tác vụ/tệp của công cụ, quét lại bằng phần mềm diệt virus, sau đó kích hoạt bằng bản quyền hợp lệ.',
      en: 'Use "Guided cleanup": back up then remove the tool\'s service/task/files, run a full antivirus scan, then activate with a genuine licence.',
    },
  };
}

/** How many names a grouped hosts sign spells out before "and N other names". */
const NAMES_SHOWN = 3;

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
  const address = { vi: addresses.join(' hoặc '), en: addresses.join(' or ') };
  if (lines === 1 && names.length === 1)
    return {
      explanation: {
        vi: `Tệp hosts chuyển ${names[0]} (máy chủ bản quyền của ${vendor}) về ${address.vi}, để chặn việc kiểm tra bản quyền: dấu hiệu phần mềm ${vendor} bị bẻ khóa.`,
        en: `The hosts file sends ${names[0]} (a licensing server of ${vendor}) to ${address.en} to block licence checks: a sign of cracked ${vendor} software.`,
      },
      advice: {
        vi: `Gỡ phần mềm ${vendor} bị bẻ khóa, xóa các dòng này khỏi tệp hosts (cần quyền quản trị), rồi cài bản có bản quyền.`,
        en: `Uninstall the cracked ${vendor} software, delete these lines from the hosts file (administrator rights needed), then install a licensed copy.`,
      },
    };
  const shown = names.slice(0, NAMES_SHOWN).join(', ');
  const rest = names.length - NAMES_SHOWN;
  const list =
    rest > 0
      ? { vi: `${shown}, … và ${rest} tên khác`, en: `${shown}, … and ${rest} other names` }
      : { vi: shown, en: shown };
  const enLines = lines === 1 ? '1 line in the hosts file blocks' : `${lines} lines in the hosts file block`;
  return {
    explanation: {
      vi: `${lines} dòng trong tệp hosts chặn máy chủ kích hoạt của ${vendor} (${list.vi}) bằng cách chuyển chúng về ${address.vi}, để ngăn việc kiểm tra bản quyền: dấu hiệu phần mềm ${vendor} bị bẻ khóa.`,
      en: `${enLines} ${vendor}'s activation servers (${list.en}) by sending them to ${address.en}, to stop licence checks: a sign of cracked ${vendor} software.`,
    },
    advice: {
      vi: `Gỡ phần mềm ${vendor} bị bẻ khóa, ${lines === 1 ? 'xóa dòng này' : `xóa cả ${lines} dòng này`} khỏi tệp hosts (xem phần bằng chứng; cần quyền quản trị), rồi cài bản có bản quyền.`,
      en: `Uninstall the cracked ${vendor} software, delete ${lines === 1 ? 'this line' : `all ${lines} of these lines`} from the hosts file (listed in the evidence; administrator rights needed), then install a licensed copy.`,
    },
  };
}
