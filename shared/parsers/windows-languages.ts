// The words Windows command output uses in each display language it ships, with the code pages
// its console writes them in. Every word here was SEEN in a real published output (or in a
// project that maps real output, such as Checkmk's Windows agent), and its source is recorded next
// to it. Where no real output was found, the entry says so and lists nothing: an unknown word is
// kept as printed, never guessed (see states.ts and tasklist.ts for how they are used).
//
// What the real captures show: most display languages translate the netstat HEADER ("Conexões
// ativas", "活动连接", "Активные подключения") but print the state column in English. German
// and Polish translate the state words too.
import type { TcpState } from '../domain';

/** A word seen in real output, and where. */
export interface SourcedWord<T = string> {
  word: string;
  meaning: T;
  /** URL, repository/path, or shared/realdata file where the word was seen. */
  source: string;
}

/** One display language of Windows, as its console commands print it. */
export interface WindowsLanguage {
  /** BCP 47 tag ("pt-BR"). */
  tag: string;
  name: string;
  /** The OEM code page cmd.exe writes redirected output in (Language for non-Unicode programs). */
  oemCodePage: number;
  /** The ANSI code page; a capture opened in Notepad or Excel is often read in this one. */
  ansiCodePage: number;
  /** Localised netstat state words (English words, used by every language, are in ENGLISH_STATES). */
  states: SourcedWord<TcpState>[];
  /** What real captures show about the state column, with the capture. */
  statesNote: string;
  /** The "N/A" word of tasklist (/svc services column, /v user name and window title). */
  notAvailable: SourcedWord<'none'>[];
  notAvailableNote: string;
  /**
   * What its non-ASCII words become when the capture is read in the wrong code page (as in
   * shared/realdata 04 and 05); the parsers read these too (tests in windows-languages.test.ts).
   */
  mojibake?: string;
}

const NOT_FOUND_STATES =
  'no real netstat capture in this language was found (searched code, issues and pages); ' +
  'a localised state word stays as printed';
const NOT_FOUND_NA =
  'no real tasklist capture in this language was found; the word is learned from the capture itself';

/**
 * How the words were looked for (issue 10, point 10): exact search of the code index for padded
 * netstat rows ("0.0.0.0:0              " + the first letters of a candidate word), for the
 * localised netstat headers, for tasklist CSV rows of PID 0 and 4 ("System","4",") and the
 * localised `tasklist /svc` headers ("PID Dienste", "PID Servicios", "PID 服務", "PID 서비스"…), and
 * semantic search of code, issues and pages. Most hits are English output or program strings.
 */
const SEARCHED =
  'searched: padded netstat rows, localised headers, tasklist PID 0/4 rows, in code, issues and pages';

// Real captures whose state column is English although the header is translated. The search
// index gives the file id of captures whose repository it does not name.
const ENGLISH_IN = {
  fr: 'shared/realdata/03_netstat_anb_fr_danyGhassan.txt (danyGhassan/fonct_reseaux_Dany tp5.md): "État" header, LISTENING/ESTABLISHED/LAST_ACK/SYN_SENT/TIME_WAIT',
  es: 'shared/realdata/05_netstat_nabo_es_miguehm_oem_mojibake.txt (miguehm/redes src/practices/prac2.md): "Estado" header, LISTENING/ESTABLISHED/CLOSE_WAIT/TIME_WAIT',
  ru: 'lab report "C:\\Windows\\System32>netstat" with "Активные подключения … Состояние" and ESTABLISHED, and a Windows 10.0.19044.1766 capture with FIN_WAIT_2 (code index file ids 9976197479, 14408449910)',
  zhCN: '"活动连接 … 协议 本地地址 外部地址 状态" captures with LISTENING/ESTABLISHED/TIME_WAIT (code index file ids 21468227391, 9216239436, 4126963352)',
  zhTW: '"使用中連線 … 協定 本機位址 外部位址 狀態" captures with ESTABLISHED/CLOSE_WAIT/LISTENING (code index file ids 55402286330, 16823842570)',
  ja: '"アクティブな接続 … プロトコル ローカル アドレス 外部アドレス 状態" captures with ESTABLISHED/TIME_WAIT/LISTENING (code index file ids 35087210527, 20856139230)',
  ko: '"활성 연결 … 프로토콜 로컬 주소 외부 주소 상태" captures with LISTENING (code index file ids 47332503524, 22381261725, 8017089969)',
  ptBR: '"Conexões ativas … Endereço local Endereço externo Estado" capture from Microsoft Windows [versão 10.0.22631.4391] with LISTENING, and one with ESTABLISHED (code index file ids 55374355872, 8397126123)',
  it: '"Connessioni attive … Indirizzo locale Indirizzo esterno Stato" capture with LISTENING/ESTABLISHED (code index file id 59043463956); Italian netstat guides list the English states (https://ombresulweb.com/2013/01/02/windows-il-comando-netstat-come-interpretare-le-connessioni/)',
};

/** English state words: Windows in every language above, and Microsoft's documentation. */
export const ENGLISH_STATES: SourcedWord<TcpState>[] = [
  { word: 'LISTENING', meaning: 'LISTEN', source: 'shared/realdata/01, 02, 03, 05' },
  { word: 'ESTABLISHED', meaning: 'ESTABLISHED', source: 'shared/realdata/01, 02, 03, 05' },
  { word: 'TIME_WAIT', meaning: 'TIME_WAIT', source: 'shared/realdata/03, 05' },
  { word: 'CLOSE_WAIT', meaning: 'CLOSE_WAIT', source: 'shared/realdata/05' },
  { word: 'SYN_SENT', meaning: 'SYN_SENT', source: 'shared/realdata/03' },
  { word: 'LAST_ACK', meaning: 'LAST_ACK', source: 'shared/realdata/03' },
  {
    word: 'FIN_WAIT_1',
    meaning: 'FIN_WAIT_1',
    source: 'Checkmk/checkmk tests (windows_fin_wait_states) and cmk/plugins/tcp/agent_based/win_netstat.py',
  },
  { word: 'FIN_WAIT_2', meaning: 'FIN_WAIT_2', source: 'code index file id 14408449910 (ru capture)' },
  {
    word: 'SYN_RECEIVED',
    meaning: 'SYN_RECEIVED',
    source: 'https://learn.microsoft.com/windows-server/administration/windows-commands/netstat (state list)',
  },
  { word: 'CLOSED', meaning: 'CLOSED', source: 'learn.microsoft.com netstat state list' },
  { word: 'CLOSING', meaning: 'CLOSING', source: 'MIB_TCP_STATE_CLOSING (learn.microsoft.com MIB_TCPROW)' },
  {
    word: 'DELETE_TCB',
    meaning: 'DELETE_TCB',
    source: 'MIB_TCP_STATE_DELETE_TCB (learn.microsoft.com MIB_TCPROW): the TCB is being deleted',
  },
  {
    word: 'BOUND',
    meaning: 'BOUND',
    source: '`netstat -a -q -n` capture "TCP 0.0.0.0:22 0.0.0.0:0 BOUND" (code index file id 4607881700)',
  },
  // Microsoft's page spells two states differently from what netstat prints; Checkmk maps both.
  {
    word: 'TIMED_WAIT',
    meaning: 'TIME_WAIT',
    source: 'learn.microsoft.com netstat state list; Checkmk win_netstat.py',
  },
  { word: 'SYN_SEND', meaning: 'SYN_SENT', source: 'learn.microsoft.com netstat state list' },
];

/** The "N/A" of tasklist in English, which several other languages print too. */
const NA_EN = {
  word: 'N/A',
  meaning: 'none',
  source: 'shared/realdata/07 (JetBrains/intellij-community ProcessListUtilTest.java)',
} as const;

const CHECKMK_DE =
  'Checkmk/checkmk cmk/plugins/tcp/agent_based/win_netstat.py (win_netstat_states, German Windows agent output)';

/** The display languages Windows ships that this campaign meets, Vietnamese first. */
export const WINDOWS_LANGUAGES: readonly WindowsLanguage[] = [
  {
    tag: 'vi-VN',
    name: 'Tiếng Việt',
    oemCodePage: 1258,
    ansiCodePage: 1258,
    states: [],
    statesNote: `${NOT_FOUND_STATES} (${SEARCHED})`,
    notAvailable: [],
    notAvailableNote: `${NOT_FOUND_NA} (${SEARCHED})`,
  },
  {
    tag: 'en-US',
    name: 'English',
    oemCodePage: 437,
    ansiCodePage: 1252,
    states: [],
    statesNote: 'the English words (ENGLISH_STATES)',
    notAvailable: [NA_EN],
    notAvailableNote: '',
  },
  {
    tag: 'de-DE',
    name: 'Deutsch',
    oemCodePage: 850,
    ansiCodePage: 1252,
    states: [
      {
        word: 'ABHÖREN',
        meaning: 'LISTEN',
        source: `shared/realdata/04 ("ABH™REN", CP850 read as CP1252), 06; ${CHECKMK_DE}`,
      },
      { word: 'HERGESTELLT', meaning: 'ESTABLISHED', source: `shared/realdata/04; ${CHECKMK_DE}` },
      { word: 'WARTEND', meaning: 'TIME_WAIT', source: `shared/realdata/04; ${CHECKMK_DE}` },
      { word: 'SCHLIESSEN_WARTEN', meaning: 'CLOSE_WAIT', source: `shared/realdata/04; ${CHECKMK_DE}` },
      { word: 'FIN_WARTEN_1', meaning: 'FIN_WAIT_1', source: CHECKMK_DE },
      { word: 'FIN_WARTEN_2', meaning: 'FIN_WAIT_2', source: `shared/realdata/04; ${CHECKMK_DE}` },
      {
        word: 'SYN_GESENDET',
        meaning: 'SYN_SENT',
        source: `${CHECKMK_DE}; sebhildebrandt/systeminformation lib/network.js; a German Access diagnosis note "TCP 127.0.0.1:63477 127.0.0.1:5000 SYN_GESENDET" (code index file id 14596259691)`,
      },
      { word: 'SYN_EMPFANGEN', meaning: 'SYN_RECEIVED', source: CHECKMK_DE },
      {
        word: 'SCHLIESSEND',
        meaning: 'CLOSING',
        source:
          'Checkmk/checkmk Windows agent integration test, expected netstat_an.bat output (code index file id 7772209217)',
      },
    ],
    statesNote: `LAST_ACK, CLOSED, BOUND and DELETE_TCB: no German word found (${SEARCHED})`,
    mojibake: 'ABHÖREN: CP850 read as CP1252 "ABH™REN" (realdata 04), UTF-8 read as CP1252 "ABHÃ–REN"',
    notAvailable: [
      {
        word: 'Nicht zutreffend',
        meaning: 'none',
        source:
          'a WinDivert packet logger that runs `tasklist /svc /nh /fo csv` and `netstat -nao` on a German Windows; its comments quote the output: "System Idle Process","0","Nicht zutreffend" / "System","4","Nicht zutreffend" and "TCP 127.0.0.1:49695 127.0.0.1:49696 HERGESTELLT 8796" (code index file id 22762142514)',
      },
    ],
    notAvailableNote: '',
  },
  {
    tag: 'fr-FR',
    name: 'Français',
    oemCodePage: 850,
    ansiCodePage: 1252,
    states: [],
    statesNote: `English words: ${ENGLISH_IN.fr}`,
    notAvailable: [],
    notAvailableNote: `${NOT_FOUND_NA} (${SEARCHED})`,
  },
  {
    tag: 'es-ES',
    name: 'Español',
    oemCodePage: 850,
    ansiCodePage: 1252,
    states: [],
    statesNote: `English words: ${ENGLISH_IN.es}`,
    notAvailable: [],
    notAvailableNote:
      `${NOT_FOUND_NA}. A Spanish article shows \`tasklist /svc\` with a "Nombre de imagen PID Servicios" ` +
      'header over "N/A" rows (code index file id 37297621792), but its header is hand-translated (it does not ' +
      "fit tasklist's 25+8 column rule), so it is no evidence of the Spanish word",
  },
  {
    tag: 'it-IT',
    name: 'Italiano',
    oemCodePage: 850,
    ansiCodePage: 1252,
    states: [],
    statesNote: `English words: ${ENGLISH_IN.it}`,
    notAvailable: [],
    notAvailableNote: `${NOT_FOUND_NA} (${SEARCHED})`,
  },
  {
    tag: 'pt-BR',
    name: 'Português (Brasil)',
    oemCodePage: 850,
    ansiCodePage: 1252,
    states: [],
    statesNote: `English words: ${ENGLISH_IN.ptBR}`,
    notAvailable: [],
    notAvailableNote: `${NOT_FOUND_NA} (${SEARCHED})`,
  },
  {
    tag: 'pt-PT',
    name: 'Português (Portugal)',
    oemCodePage: 850,
    ansiCodePage: 1252,
    states: [],
    statesNote: `${NOT_FOUND_STATES} (${SEARCHED})`,
    notAvailable: [],
    notAvailableNote: `${NOT_FOUND_NA} (${SEARCHED})`,
  },
  {
    tag: 'pl-PL',
    name: 'Polski',
    oemCodePage: 852,
    ansiCodePage: 1250,
    states: [
      {
        word: 'NASŁUCHIWANIE',
        meaning: 'LISTEN',
        source:
          'issue 10 of this project; a port-stop test "TCP 0.0.0.0:8000 0.0.0.0:0 NASŁUCHIWANIE 24456" written against Polish Windows (code index file id 69876930368)',
      },
    ],
    statesNote: `only LISTEN found; other Polish state words stay as printed (${SEARCHED})`,
    mojibake: 'NASŁUCHIWANIE: CP852 read as CP1250 "NASťUCHIWANIE", as CP437 "NAS¥UCHIWANIE"',
    notAvailable: [],
    notAvailableNote: `${NOT_FOUND_NA} (${SEARCHED})`,
  },
  {
    tag: 'ru-RU',
    name: 'Русский',
    oemCodePage: 866,
    ansiCodePage: 1251,
    states: [],
    statesNote: `English words: ${ENGLISH_IN.ru}`,
    notAvailable: [
      {
        word: 'Н/Д',
        meaning: 'none',
        source:
          'a `tasklist /v /fo csv` row quoted in a process-listing program: "chrome.exe","4964","Console","1","21 908 КБ","Unknown","DESKTOP-…","0:00:00","Н/Д" (code index file id 4086479031)',
      },
    ],
    notAvailableNote: '',
    mojibake: 'Н/Д: CP866 read as CP1251 "Ќ/„" (the "/" still marks it as no service)',
  },
  {
    tag: 'uk-UA',
    name: 'Українська',
    oemCodePage: 866,
    ansiCodePage: 1251,
    states: [],
    statesNote: `${NOT_FOUND_STATES} (${SEARCHED})`,
    notAvailable: [],
    notAvailableNote: `${NOT_FOUND_NA} (${SEARCHED})`,
  },
  {
    tag: 'cs-CZ',
    name: 'Čeština',
    oemCodePage: 852,
    ansiCodePage: 1250,
    states: [],
    statesNote: `${NOT_FOUND_STATES} (${SEARCHED})`,
    notAvailable: [],
    notAvailableNote: `${NOT_FOUND_NA} (${SEARCHED})`,
  },
  {
    tag: 'nl-NL',
    name: 'Nederlands',
    oemCodePage: 850,
    ansiCodePage: 1252,
    states: [],
    statesNote: `${NOT_FOUND_STATES} (LUISTEREN / TOT_STAND_GEB appear only in a constructed test, code index file id 68471000009)`,
    notAvailable: [],
    notAvailableNote: `${NOT_FOUND_NA} (${SEARCHED})`,
  },
  {
    tag: 'sv-SE',
    name: 'Svenska',
    oemCodePage: 850,
    ansiCodePage: 1252,
    states: [],
    statesNote: `${NOT_FOUND_STATES} (LYSSNAR appears only in a network simulator, code index file id 71445297605)`,
    notAvailable: [],
    notAvailableNote: `${NOT_FOUND_NA} (${SEARCHED})`,
  },
  {
    tag: 'tr-TR',
    name: 'Türkçe',
    oemCodePage: 857,
    ansiCodePage: 1254,
    states: [],
    statesNote:
      `${NOT_FOUND_STATES}. Only constructed tests of other projects were found, and they disagree: ` +
      '"DİNLENİYOR" and "KURULDU" (code index file ids 71567438538, 68799547056), "DİNLEME" (70168864869), ' +
      '"DINLIYOR" (61362776070), "DINLENIYOR" (68875697069); none is used (see UNVERIFIED_WORDS)',
    notAvailable: [],
    notAvailableNote: `${NOT_FOUND_NA} (${SEARCHED})`,
  },
  {
    tag: 'zh-CN',
    name: '中文(简体)',
    oemCodePage: 936,
    ansiCodePage: 936,
    states: [],
    statesNote: `English words: ${ENGLISH_IN.zhCN}`,
    notAvailable: [
      {
        word: '暂缺',
        meaning: 'none',
        source:
          'a `C:\\Users\\xt>TASKLIST /V /FO CSV` capture with header "映像名称","PID","会话名" and "暂缺" as user name and window title (code index file id 55270648801); `tasklist /svc` rows "wslrelay.exe","37564","暂缺" in a port tool\'s tests (code index file id 70456650857)',
      },
    ],
    notAvailableNote: '',
    mojibake:
      '暂缺: GBK read as CP1252 "ÔÝÈ±", UTF-8 read as CP1252 "æš‚ç¼º" (learned from the PID 0 and 4 rows)',
  },
  {
    tag: 'zh-TW',
    name: '中文(繁體)',
    oemCodePage: 950,
    ansiCodePage: 950,
    states: [],
    statesNote: `English words: ${ENGLISH_IN.zhTW}`,
    notAvailable: [],
    notAvailableNote:
      `${NOT_FOUND_NA}: the one real \`tasklist /svc\` capture found ("映像名稱 PID 服務" header, ` +
      'FoxitProtect.exe 2476 FxService; code index file id 30615424330) has no row without a service',
  },
  {
    tag: 'ja-JP',
    name: '日本語',
    oemCodePage: 932,
    ansiCodePage: 932,
    states: [],
    statesNote: `English words: ${ENGLISH_IN.ja}`,
    notAvailable: [
      {
        ...NA_EN,
        source:
          'shared/realdata/08 (maku77 tasklist.md: "イメージ名" header, "N/A" window title and user name)',
      },
    ],
    notAvailableNote: '',
  },
  {
    tag: 'ko-KR',
    name: '한국어',
    oemCodePage: 949,
    ansiCodePage: 949,
    states: [],
    statesNote: `English words: ${ENGLISH_IN.ko}`,
    notAvailable: [],
    notAvailableNote:
      `${NOT_FOUND_NA}: the one real \`tasklist /SVC /fi "PID eq 500"\` capture found ("이미지 이름 PID 서비스" ` +
      'header, TNSLSNR.EXE 500 OracleOraHome92TNSListener; code index file id 44190992352) has no row without a service',
  },
];

/**
 * Words that an earlier version of this project listed without a source, or that appear only in
 * constructed tests or simulators. They are NOT used: kept here so nobody adds them back unchecked.
 */
export const UNVERIFIED_WORDS: readonly string[] = [
  // netstat states (fr, es, pt, it real captures print English; nl/sv only in constructed tests)
  'ÉCOUTE',
  'EN ÉCOUTE',
  'ESCUCHANDO',
  'ESCUTANDO',
  'OUVINDO',
  'IN ASCOLTO',
  'ÉTABLI',
  'ESTABLECIDO',
  'ESTABELECIDA',
  'STABILITO',
  'STABILITA',
  'SYN_ENVOYÉ',
  'SYN_ENVIADO',
  'SYN_REÇU',
  'SYN_RECIBIDO',
  'FERMÉ',
  'CERRADO',
  'FECHADO',
  'CHIUSO',
  'LETZTES_ACK',
  'GESCHLOSSEN',
  'GEBUNDEN',
  'LUISTEREN',
  'LYSSNAR',
  // Turkish words from constructed tests that disagree with each other (tr-TR statesNote)
  'DİNLENİYOR',
  'DINLENIYOR',
  'DİNLEME',
  'DINLIYOR',
  'KURULDU',
  'ПРОСЛУШИВАНИЕ',
  '수신 대기',
  // tasklist N/A
  'Non applicable',
  'Non disponible',
  'Keine',
  'No aplicable',
  'Não aplicável',
  'Không áp dụng',
  'Không có',
  'なし',
  '无',
  '無',
  '不适用',
];
