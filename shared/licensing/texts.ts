// Plain-language explanations and advice for licensing findings, Vietnamese first, English second.
// They are data on the finding (the CLI's JSON and the evidence report carry them), so they live
// here beside the rules that produce them rather than in the renderer's catalogues.

/** Bilingual text. */
export interface Text2 {
  vi: string;
  en: string;
}

const days = (minutes: number | null): string => (minutes === null ? '' : String(Math.floor(minutes / 1440)));

/** Why "not activated / notification / grace" matters. */
export function notActivatedText(
  product: string,
  state: string,
  minutesLeft: number | null,
): {
  explanation: Text2;
  advice: Text2;
} {
  const left =
    minutesLeft === null
      ? { vi: '', en: '' }
      : { vi: ` Còn khoảng ${days(minutesLeft)} ngày.`, en: ` About ${days(minutesLeft)} day(s) left.` };
  return {
    explanation: {
      vi: `${product} chưa được kích hoạt bản quyền (trạng thái: ${state}).${left.vi} Máy chưa kích hoạt hay bị dùng công cụ bẻ khóa, vốn thường đi kèm mã độc.`,
      en: `${product} is not activated (state: ${state}).${left.en} Unactivated machines are often "fixed" with crack tools, which commonly carry malware.`,
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

/** Why a hosts line sending a vendor's licensing server to loopback is a sign. */
export function hostsBlockText(
  vendor: string,
  name: string,
  address: string,
): { explanation: Text2; advice: Text2 } {
  return {
    explanation: {
      vi: `Tệp hosts chuyển ${name} (máy chủ bản quyền của ${vendor}) về ${address}, để chặn việc kiểm tra bản quyền: dấu hiệu phần mềm ${vendor} bị bẻ khóa.`,
      en: `The hosts file sends ${name} (a ${vendor} licensing server) to ${address} to block licence checks: a sign of cracked ${vendor} software.`,
    },
    advice: {
      vi: `Gỡ phần mềm ${vendor} bị bẻ khóa, xóa các dòng này khỏi tệp hosts (cần quyền quản trị), rồi cài bản có bản quyền.`,
      en: `Uninstall the cracked ${vendor} software, delete these lines from the hosts file (administrator rights needed), then install a licensed copy.`,
    },
  };
}
