import { describe, expect, it } from 'vitest';
import { parseSlmgr } from './slmgr';
import { fixture } from '../../test/support/licensing/fixture';

const one = (name: string) => {
  const r = parseSlmgr(fixture(name), name);
  expect(r.products).toHaveLength(1);
  return { product: r.products[0], errors: r.errors };
};

describe('parseSlmgr on realdata 10', () => {
  it('reads a KMS client /dli with the KMS host from DNS', () => {
    const { product, errors } = one('slmgr-dli-en-kms-dns.txt');
    expect(errors).toEqual([]);
    expect(product).toMatchObject({
      name: 'Windows(R), ServerStandard edition',
      channel: 'VOLUME_KMSCLIENT',
      partialKey: 'MDVJX',
      state: 'licensed',
      minutesLeft: 253564,
      kmsHost: 'bisv229.corp.giag.net:1688',
      kmsHostSource: 'dns',
      kmsIp: '10.5.213.229',
    });
    expect(product.kmsHostLine).toEqual({
      text: 'KMS machine name from DNS: bisv229.corp.giag.net:1688',
      line: 12,
    });
  });

  it('glues the description wrapped mid-word back together', () => {
    const { product } = one('slmgr-dli-en-wrapped.txt');
    expect(product.description).toBe(
      'Windows Operating System - Windows Server(R), VOLUME_KMSCLIENT channel',
    );
    expect(product.channel).toBe('VOLUME_KMSCLIENT');
    expect(product.partialKey).toBe('R7VHC');
    expect(product.minutesLeft).toBe(251100);
  });

  it('reads an evaluation copy in its initial grace period with the time remaining', () => {
    const { product } = one('slmgr-dli-en-eval-grace.txt');
    expect(product).toMatchObject({ channel: 'TIMEBASED_EVAL', state: 'initial-grace', minutesLeft: 12960 });
    expect(product.status?.text).toBe('License Status: Initial grace period');
  });

  it('reads an OEM licence without expiry or KMS', () => {
    const { product } = one('slmgr-dli-en-oem.txt');
    expect(product).toMatchObject({ channel: 'OEM_DM', state: 'licensed', minutesLeft: null, kmsHost: null });
  });

  it('reads a registered (not discovered) public KMS host, markdown-escaped channel and trailing blanks', () => {
    const { product } = one('slmgr-dlv-en-registered-kms.txt');
    expect(product).toMatchObject({
      name: 'Windows(TM) Vista, Business edition',
      channel: 'VOLUME_KMSCLIENT',
      kmsHost: 'kms.vbs.net.cn:1688',
      kmsHostSource: 'registered',
      minutesLeft: 259193,
    });
  });

  it('reads zh-CN /dlv by structure (translated labels, full-width colon and parenthesis)', () => {
    const { product, errors } = one('slmgr-dlv-zh-cn.txt');
    expect(errors).toEqual([]);
    expect(product).toMatchObject({
      name: 'Windows(R), Enterprises edition',
      channel: 'VOLUME_KMSCLIENT',
      partialKey: 'J462D',
      state: 'licensed',
      minutesLeft: 259197,
      kmsHost: 'kms.vircloud.net:1688',
      kmsHostSource: 'dns',
      kmsIp: '192.168.100.1',
    });
    expect(product.status).toEqual({ text: '许可证状态: 已授权', line: 5 });
  });

  it('reads Office ospp /dstatus', () => {
    const { product } = one('ospp-dstatus-en.txt');
    expect(product).toMatchObject({
      name: 'Office 16, Office16ProPlusVL_KMS_Client edition',
      state: 'licensed',
      partialKey: 'WFG99',
      minutesLeft: 259200,
      kmsHost: 'kms.vircloud.net:1688',
    });
  });

  it('reads /xpr: the product heading and its expiry sentence', () => {
    const { product } = one('slmgr-xpr-en.txt');
    expect(product.name).toBe('Windows(R) 7, Enterprise edition');
    expect(product.xpr).toEqual({ text: 'Volume activation will expire 2015/04/06 09:57:03', line: 2 });
    expect(product.permanent).toBe(false);
  });

  it('reads "permanently activated" from /xpr', () => {
    const r = parseSlmgr(
      'Windows(R), Professional edition:\n    The machine is permanently activated.\n',
      'x',
    );
    expect(r.products[0]).toMatchObject({ name: 'Windows(R), Professional edition', permanent: true });
  });

  it('survives the whole realdata file: one product per capture, no invented status', () => {
    const r = parseSlmgr(fixture('10_slmgr_dli_dlv_xpr_kms.txt'), '10.txt');
    expect(r.products.map((p) => p.partialKey)).toEqual([
      'MDVJX',
      'R7VHC',
      'JCDDG',
      'D692P',
      '2V3X8',
      null,
      'J462D',
      'WFG99',
    ]);
    expect(r.products.map((p) => p.kmsHost).filter(Boolean)).toEqual([
      'bisv229.corp.giag.net:1688',
      'kms.vbs.net.cn:1688',
      'kms.vircloud.net:1688',
      'kms.vircloud.net:1688',
    ]);
  });
});

describe('parseSlmgr on other states', () => {
  it('reads notification mode', () => {
    expect(one('slmgr-dli-en-notification.txt').product).toMatchObject({
      channel: 'RETAIL',
      state: 'notification',
    });
  });

  it('reads zh-CN unlicensed', () => {
    expect(one('slmgr-dli-zh-cn-unlicensed.txt').product.state).toBe('unlicensed');
  });

  it('keeps an unknown status word verbatim and says where it is, without guessing', () => {
    const { product, errors } = one('slmgr-dli-unknown-status.txt');
    expect(product.state).toBe('unknown');
    expect(product.status?.text).toBe('Trạng thái Giấy phép: Trạng thái lạ');
    expect(errors).toEqual([expect.objectContaining({ file: 'slmgr-dli-unknown-status.txt', line: 4 })]);
  });

  it('reads a loopback KMS host (KMSpico-style emulator)', () => {
    expect(one('slmgr-dli-en-local-kms.txt').product).toMatchObject({
      kmsHost: '127.0.0.2:1688',
      kmsHostSource: 'registered',
      kmsIp: null,
    });
  });

  it('reads a full /dlv (CRLF) without mistaking URLs, IDs or the trusted time for KMS or expiry', () => {
    const { product, errors } = one('slmgr-dlv-en-retail-crlf.txt');
    expect(errors).toEqual([]);
    expect(product).toMatchObject({
      name: 'Windows(R), Professional edition',
      channel: 'RETAIL',
      partialKey: '3V66T',
      state: 'licensed',
      kmsHost: null,
      minutesLeft: null,
      xpr: null,
      line: 3,
    });
  });

  it('returns nothing from text that is not an activation report', () => {
    expect(parseSlmgr('hello\nworld: 42\n', 'x').products).toEqual([]);
  });
});
