// The glossary's rules, as the catalogue test enforces them on every Vietnamese and English text.
// The terms themselves (with their notes) are the catalogue's `glossary.*` keys.

/** One glossary rule: the term's key, and words that must not stand in for it. */
export interface GlossaryRule {
  term: string;
  /** Wording to avoid, in the language given. */
  avoid: { language: 'vi' | 'en'; pattern: RegExp }[];
  /** Catalogue sections (key prefixes) where the avoided wording is allowed. */
  allowedIn?: string[];
}

export const glossaryRules: readonly GlossaryRule[] = [
  {
    term: 'glossary.feed',
    avoid: [{ language: 'vi', pattern: /nguồn cấp/i }],
    // Words pinned by services/cleanup/steps.mutation.test.ts (issue 19's file): reword them together.
    allowedIn: ['msg.cleanup.step.toolAddressNotOfficial'],
  },
  {
    // The command line and the feed tools are IT wording: there `feed` is a verb (`sachmadoc feed
    // sign`), an option (`--feed FILE`) and what the IT officer builds and signs.
    term: 'glossary.feed',
    avoid: [{ language: 'en', pattern: /\bfeeds?\b/i }],
    allowedIn: [
      'msg.cli.',
      'msg.keys.',
      'msg.scan.',
      'msg.input.',
      'msg.feedTool.',
      'msg.formats.',
      'msg.blocklist.',
      // Product words: FortiGate's "External Threat Feed", "Threat Feeds" menus.
      'msg.exportFormat.',
      // The two cleanup refusals whose words steps.mutation.test.ts pins (see above).
      'msg.cleanup.step.toolAddressNotOfficial',
      'msg.cleanup.step.noToolAddress',
    ],
  },
  {
    term: 'glossary.officialTool',
    avoid: [{ language: 'vi', pattern: /công cụ xử lý (mã độc )?chính thức/i }],
  },
  {
    // "dấu hiệu" only with cracked software: never for malware or a malicious address.
    term: 'glossary.sign',
    avoid: [{ language: 'vi', pattern: /dấu hiệu (mã độc|nhiễm)|khớp dấu hiệu|^dấu hiệu$/i }],
  },
  {
    // People read "địa chỉ độc hại"; "chỉ báo" is IT wording, allowed on the IT screens only.
    term: 'glossary.indicatorPeople',
    avoid: [{ language: 'vi', pattern: /chỉ báo/i }],
    allowedIn: ['glossary.', 'details.', 'hunt.', 'cleanup.guide.', 'export.', 'msg.'],
  },
  {
    // IT wording: "chỉ báo (IOC)", never a bare "IOC" in Vietnamese.
    term: 'glossary.indicatorIT',
    avoid: [{ language: 'vi', pattern: /(?<![Cc]hỉ báo \()\bIOC\b/ }],
  },
  {
    term: 'glossary.tally',
    avoid: [{ language: 'vi', pattern: /máy chủ (thống kê|báo cáo|tổng hợp kết quả)/i }],
  },
];
