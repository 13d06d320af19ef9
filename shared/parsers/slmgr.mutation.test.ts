// Edges of the activation-report parser (shared/parsers/slmgr.ts) that mutation testing (issue 19)
// showed no test pinned down. Lines are those of the captures in test/fixtures/licensing (realdata
// 10), recombined: wrapped lines, CRLF, /xpr without a heading, headings, unknown status words.
import { describe, expect, it } from 'vitest';
import { licenseStateOf, parseSlmgr } from './slmgr';
import { fixture } from '../../test/support/licensing/fixture';

const DLI = [
  'Name: Windows(R), ServerStandard edition',
  'Description: Windows(R) Operating System, VOLUME_KMSCLIENT channel',
  'Partial Product Key: MDVJX',
  'License Status: Licensed',
  'Volume activation expiration: 253564 minute(s) (177 day(s))',
];

describe('console-wrapped lines', () => {
  it('glues the fragment back in a CRLF capture', () => {
    const r = parseSlmgr(fixture('slmgr-dli-en-wrapped.txt').replace(/\n/g, '\r\n'), 'w.txt');
    expect(r.products).toHaveLength(1);
    expect(r.products[0]).toMatchObject({
      description: 'Windows Operating System - Windows Server(R), VOLUME_KMSCLIENT channel',
      channel: 'VOLUME_KMSCLIENT',
      partialKey: 'R7VHC',
      state: 'licensed',
      line: 1,
    });
    expect(r.products[0].status).toEqual({ text: 'License Status: Licensed', line: 5 });
  });

  it('glues only a short lower-case fragment after a key/value line ending in a letter', () => {
    const glued = (prev: string, next: string) =>
      parseSlmgr(
        ['Name: Windows(R), Professional edition', prev, next, 'License Status: Licensed'].join('\n'),
        'x',
      ).products[0];
    // Twelve characters are glued; thirteen are not, nor upper case, nor after a digit or a heading.
    expect(glued('Description: Windows(R) Operating System, RETAIL c', 'hannel_abcde').description).toBe(
      'Windows(R) Operating System, RETAIL channel_abcde',
    );
    expect(
      glued('Description: Windows(R) Operating System, RETAIL c', 'hannel_abcdef').description,
    ).toBeNull();
    expect(glued('Description: Windows(R) Operating System, RETAIL chan', 'NEL').description).toBeNull();
    expect(glued('Description: Windows(R) Operating System, RETAIL channel 1', 'x').channel).toBe('RETAIL');
    expect(glued('Description: Windows(R) Operating System, RETAIL channel 1', 'x').description).toBe(
      'Windows(R) Operating System, RETAIL channel 1',
    );
    const afterHeading = parseSlmgr(['Most recent activation information:', 'nel', ...DLI].join('\n'), 'x');
    expect(afterHeading.products[0].line).toBe(3);
  });
});

describe('/xpr', () => {
  it('takes a sentence with a date but no heading as the current product’s expiry', () => {
    const r = parseSlmgr([...DLI, 'Volume activation will expire 5/31/2027 10:02:11 AM'].join('\n'), 'x');
    expect(r.products).toHaveLength(1);
    expect(r.products[0].xpr).toEqual({
      text: 'Volume activation will expire 5/31/2027 10:02:11 AM',
      line: 6,
    });
    const alone = parseSlmgr('Volume activation will expire 31.05.2027 10:02:11\n', 'x');
    expect(alone.products).toEqual([
      expect.objectContaining({
        name: null,
        xpr: { text: 'Volume activation will expire 31.05.2027 10:02:11', line: 1 },
        line: 1,
      }),
    ]);
  });

  it('starts one product per heading, for a date sentence or "permanently activated", and forgets the heading after', () => {
    const text = [
      'Windows(R), Professional edition:',
      '    The machine is permanently activated.',
      '    The machine is permanently activated.',
      'Office 16, Office16ProPlusVL_KMS_Client edition:',
      '    Volume activation will expire 2027-05-31 10:02:11',
      '    Volume activation will expire 2027-06-30 10:02:11',
    ].join('\r\n');
    const r = parseSlmgr(text, 'x');
    expect(r.products.map((p) => [p.name, p.permanent, p.xpr?.text, p.line])).toEqual([
      ['Windows(R), Professional edition', true, 'The machine is permanently activated.', 1],
      [
        'Office 16, Office16ProPlusVL_KMS_Client edition',
        false,
        'Volume activation will expire 2027-06-30 10:02:11',
        4,
      ],
    ]);
    // The second sentence has no heading any more: it lands on the current product.
    expect(r.products[1].xpr?.text).toBe('Volume activation will expire 2027-06-30 10:02:11');
  });

  it('keeps "permanently activated" only after a heading, and a heading only for Windows or Office', () => {
    expect(parseSlmgr('    The machine is permanently activated.\n', 'x').products).toEqual([]);
    const other = parseSlmgr(
      'Key Management Service client information:\n    The machine is permanently activated.\n',
      'x',
    );
    expect(other.products).toEqual([]);
    expect(
      parseSlmgr('WINDOWS(R) 7, Enterprise edition:\n    Permanently activated.\n', 'x').products[0],
    ).toMatchObject({
      name: 'WINDOWS(R) 7, Enterprise edition',
      permanent: true,
    });
  });

  it('takes a key/value line with a date after its colon as data, not as a /xpr sentence', () => {
    const r = parseSlmgr([...DLI, 'Trusted time: 11/23/2026 3:00:00 PM'].join('\n'), 'x');
    expect(r.products[0].xpr).toBeNull();
  });
});

describe('product blocks', () => {
  it('names a product from the key/value line just before its description, not from a heading', () => {
    const r = parseSlmgr(
      [
        'Most recent activation information:',
        'Description: Windows(R) Operating System, OEM_DM channel',
        'License Status: Licensed',
      ].join('\n'),
      'x',
    );
    expect(r.products).toEqual([
      expect.objectContaining({ name: null, channel: 'OEM_DM', line: 2, state: 'licensed' }),
    ]);
  });

  it('needs the word "channel" (or a translation) beside the channel token', () => {
    const r = parseSlmgr(
      [
        'Name: Windows(R), Professional edition',
        'Description: VOLUME_KMSCLIENT',
        'License Status: Licensed',
      ].join('\n'),
      'x',
    );
    expect(r.products[0]).toMatchObject({
      name: null,
      description: null,
      channel: null,
      state: 'licensed',
      line: 3,
    });
    for (const word of ['kênh', 'Kanal', 'canal', '通道'])
      expect(
        parseSlmgr(`Mô tả: Windows(R) Operating System, RETAIL ${word}`, 'x').products[0]?.channel,
        word,
      ).toBe('RETAIL');
  });

  it('normalises the channel token: escaped underscores and hyphens become underscores', () => {
    const channel = (token: string) =>
      parseSlmgr(`Description: Windows(R) Operating System, ${token} channel`, 'x').products[0].channel;
    expect(channel('VOLUME\\_KMSCLIENT')).toBe('VOLUME_KMSCLIENT');
    expect(channel('VOLUME-KMS-CLIENT')).toBe('VOLUME_KMS_CLIENT');
    expect(channel('TIMEBASED_EVAL')).toBe('TIMEBASED_EVAL');
  });

  it('starts a new product at each description, and a status after the partial key resets the "unknown" rule', () => {
    const text = [
      ...DLI,
      '',
      'Name: Office 16, Office16ProPlusVL_KMS_Client edition',
      'Description: Office 16, VOLUME_KMSCLIENT channel',
      'Partial Product Key: WFG99',
      'License Status: Licensed',
    ].join('\n');
    const r = parseSlmgr(text, 'x');
    expect(r.errors).toEqual([]);
    expect(r.products.map((p) => [p.name, p.partialKey, p.state, p.line])).toEqual([
      ['Windows(R), ServerStandard edition', 'MDVJX', 'licensed', 1],
      ['Office 16, Office16ProPlusVL_KMS_Client edition', 'WFG99', 'licensed', 7],
    ]);
  });
});

describe('the status after the partial key', () => {
  it('is "unknown" with an error saying what was read, in English and Vietnamese', () => {
    const r = parseSlmgr(fixture('slmgr-dli-unknown-status.txt'), 'u.txt');
    expect(r.errors).toEqual([
      {
        file: 'u.txt',
        line: 4,
        message:
          'Trạng thái giấy phép không nhận ra được: "Trạng thái lạ"; hãy tự đọc dòng này / license status not recognised: "Trạng thái lạ"; read it yourself',
      },
    ]);
  });

  it('is not taken from a number, from a line further on, or when the status is already known', () => {
    const numbers = parseSlmgr(
      [
        'Description: Windows(R) Operating System, RETAIL channel',
        'Partial Product Key: 3V66T',
        'Remaining Windows rearm count: 1001',
        'Trusted time: whenever',
      ].join('\n'),
      'x',
    );
    expect(numbers.errors).toEqual([]);
    expect(numbers.products[0]).toMatchObject({ state: null, status: null });
    const known = parseSlmgr(
      [
        'LICENSE STATUS:  ---LICENSED--- ',
        'Last 5 characters of installed product key: WFG99',
        'Activation Type Configuration: ALL',
      ].join('\n'),
      'x',
    );
    expect(known.errors).toEqual([]);
    expect(known.products[0]).toMatchObject({ state: 'licensed', partialKey: 'WFG99' });
    const noProduct = parseSlmgr('Partial Product Key: 3V66T\nTrạng thái Giấy phép: Trạng thái lạ', 'x');
    expect(noProduct.products[0]).toMatchObject({ partialKey: '3V66T', state: 'unknown' });
  });
});

describe('KMS host, IP and time left', () => {
  it('reads the KMS host as registered unless its label mentions DNS, and refuses "Volume:" values', () => {
    const r = parseSlmgr(
      [...DLI, 'Registered KMS machine name: kms.example:1688', 'Product Key Channel: Volume:1688'].join(
        '\n',
      ),
      'x',
    );
    expect(r.products[0]).toMatchObject({ kmsHost: 'kms.example:1688', kmsHostSource: 'registered' });
    expect(r.products[0].kmsHostLine).toEqual({
      text: 'Registered KMS machine name: kms.example:1688',
      line: 6,
    });
    const first = parseSlmgr('KMS machine name from dns: [fe80::1]:1688\n', 'x');
    expect(first.products[0]).toMatchObject({ kmsHost: '[fe80::1]:1688', kmsHostSource: 'dns', line: 1 });
  });

  it('takes an IP address only from a line whose label says IP', () => {
    const r = parseSlmgr(
      [...DLI, 'KMS machine IP address: fe80::5', 'KMS host caching: 10.0.0.1'].join('\n'),
      'x',
    );
    expect(r.products[0].kmsIp).toBe('fe80::5');
    expect(parseSlmgr('Địa chỉ IP máy KMS: 10.5.213.229\n', 'x').products[0].kmsIp).toBe('10.5.213.229');
    expect(parseSlmgr('ZIP code: 10.5.213.229\n', 'x').products).toEqual([]);
  });

  it('takes the larger number of "minutes (days)" as minutes, with the line as evidence', () => {
    const r = parseSlmgr('Timebased activation expiration: 43200 minute(s) (30 day(s))\n', 'x');
    expect(r.products[0]).toMatchObject({
      minutesLeft: 43200,
      expiry: { text: 'Timebased activation expiration: 43200 minute(s) (30 day(s))', line: 1 },
    });
    expect(
      parseSlmgr('REMAINING GRACE: 3 days  (4320 minute(s) before expiring)\n', 'x').products[0].minutesLeft,
    ).toBe(4320);
    expect(parseSlmgr('Activation interval: 120 minutes\n', 'x').products).toEqual([]);
  });
});

describe('licenseStateOf', () => {
  it('reads the status words with surrounding blanks, and gives null for others', () => {
    expect(licenseStateOf('  ---LICENSED---  ')).toBe('licensed');
    expect(licenseStateOf(' Notification ')).toBe('notification');
    expect(licenseStateOf('Initial grace period')).toBe('initial-grace');
    expect(licenseStateOf('Trạng thái lạ')).toBeNull();
  });
});

describe('more shapes of real captures', () => {
  it('does not glue a fragment onto a wrapped line that is not key/value', () => {
    const r = parseSlmgr(
      [
        ...DLI,
        'Key Management Service client informati',
        'on',
        'KMS machine name from DNS: kms.example:1688',
      ].join('\n'),
      'x',
    );
    expect(r.products[0].kmsHost).toBe('kms.example:1688');
  });

  it('reads an /xpr heading with a space before its colon (French typography) and a byte-order mark', () => {
    const r = parseSlmgr(
      '\uFEFFWindows(R), Professional edition :\n    La machine est activée de façon permanente. 2027-05-31\n',
      'x',
    );
    expect(r.products[0]).toMatchObject({ name: 'Windows(R), Professional edition', line: 1 });
  });

  it('reads /xpr followed by /dli in one file without inventing an unknown status', () => {
    const r = parseSlmgr(['Volume activation will expire 2027-05-31 10:02:11', '', ...DLI].join('\n'), 'x');
    expect(r.errors).toEqual([]);
    expect(r.products.map((p) => p.state)).toEqual([null, 'licensed']);
  });

  it('takes a sentence with a date and no time (no colon at all) as /xpr', () => {
    const r = parseSlmgr([...DLI, 'The evaluation period ends 2027-05-31'].join('\n'), 'x');
    expect(r.products[0].xpr).toEqual({ text: 'The evaluation period ends 2027-05-31', line: 6 });
  });

  it('calls a status word with an error code after it unknown, since only the word is known', () => {
    const r = parseSlmgr(
      [
        'Description: Windows(R) Operating System, RETAIL channel',
        'Partial Product Key: 3V66T',
        'License Status: Unlicensed (0xC004F014)',
      ].join('\n'),
      'x',
    );
    expect(r.products[0].state).toBe('unknown');
    expect(r.errors).toHaveLength(1);
  });

  it('takes a KMS host whose name holds "volume", but not a "Volume:" channel value', () => {
    const r = parseSlmgr(
      [...DLI, 'Product Key Channel: Volume:1688', 'KMS machine name from DNS: kmsvolume:1688'].join('\n'),
      'x',
    );
    expect(r.products[0]).toMatchObject({ kmsHost: 'kmsvolume:1688', kmsHostSource: 'dns' });
    expect(r.products[0].kmsHostLine?.line).toBe(7);
  });
});
