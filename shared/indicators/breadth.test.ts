import { describe, expect, it } from 'vitest';
import { broadAllowReason, broadReason, broadReasonOfCanonical } from './breadth';
import { canonicalCidr } from '../net/ip';

describe('broadReason (indicators)', () => {
  it('refuses blocks shorter than /8 (IPv4) or /32 (IPv6), 0.0.0.0/0 and ::/0 included', () => {
    expect(broadReason('cidr', '0.0.0.0/0')).toMatchObject({
      code: 'short-prefix',
      en: '0.0.0.0/0 is every IPv4 address',
    });
    expect(broadReason('cidr', '::/0')).toMatchObject({
      code: 'short-prefix',
      en: '::/0 is every IPv6 address',
    });
    expect(broadReason('cidr', '10.0.0.0/7')?.vi).toBe(
      'dải 10.0.0.0/7 rộng hơn /8 (quá nhiều địa chỉ cho một chỉ báo)',
    );
    expect(broadReason('cidr', '2001:db8::/31')?.code).toBe('short-prefix');
    expect(broadReason('cidr', '10.0.0.0/8')).toBeNull();
    expect(broadReason('cidr', '2001:db8::/32')).toBeNull();
    expect(broadReason('cidr', '198.51.100.0/24')).toBeNull();
  });

  it('refuses a bare public suffix of the Public Suffix List', () => {
    for (const suffix of ['com', 'vn', 'gov.vn', 'com.vn', 'edu.vn', 'github.io', 'blogspot.com']) {
      expect(broadReason('domain', suffix), suffix).toMatchObject({ code: 'public-suffix' });
    }
    expect(broadReason('domain', 'GOV.VN.')?.en).toBe(
      'gov.vn is a public suffix (every domain under .gov.vn)',
    );
    // A registrable name under a suffix, and a name the list does not know, are specific.
    for (const name of ['hanoi.gov.vn', 'evil.com.vn', 'evil.github.io', 'example', 'evil.example']) {
      expect(broadReason('domain', name), name).toBeNull();
    }
  });

  it('refuses a domain on the shared-platform list, or under one', () => {
    expect(broadReason('domain', 'github.com')).toEqual({
      code: 'shared-platform',
      vi: 'github.com là nền tảng dùng chung: lưu trữ mã nguồn',
      en: 'github.com is a shared platform: code hosting',
    });
    expect(broadReason('domain', 'api.github.com')?.en).toBe(
      'api.github.com (under github.com) is a shared platform: code hosting',
    );
    expect(broadReason('domain', 'chat.zalo.me')?.code).toBe('shared-platform');
  });

  it('never calls an address or a URL catch-all', () => {
    expect(broadReason('ip', '0.0.0.0')).toBeNull();
    expect(broadReason('url', 'https://github.com/')).toBeNull();
  });
});

describe('broadAllowReason (allow-list entries)', () => {
  it('refuses /0, short blocks and public suffixes, but lets the agency allow a shared platform', () => {
    expect(broadAllowReason('cidr', '0.0.0.0/0')?.code).toBe('short-prefix');
    expect(broadAllowReason('cidr', '::/0')?.code).toBe('short-prefix');
    expect(broadAllowReason('domain', 'vn')?.code).toBe('public-suffix');
    expect(broadAllowReason('domain', 'github.com')).toBeNull();
    expect(broadAllowReason('cidr', '10.0.0.0/8')).toBeNull();
    expect(broadAllowReason('domain', 'intranet.agency.gov.vn')).toBeNull();
  });
});

describe('broadReasonOfCanonical and the written-prefix short cut', () => {
  it('answers as broadReason for canonical values, and blocks answer as their canonical form does', () => {
    const blocks: string[] = [];
    for (let p = 0; p <= 40; p++) {
      blocks.push(`10.0.0.0/${p}`, `10.1.2.3/${p}`, `2001:db8::/${p * 4}`, `::ffff:10.0.0.0/${p * 4}`);
      blocks.push(`10.0.0.0/0${p}`, `2001:DB8::1/${p}`);
    }
    for (const b of blocks) {
      const canon = canonicalCidr(b);
      const want = canon === null ? null : broadReason('cidr', canon);
      expect(broadReason('cidr', b), b).toEqual(want);
      expect(broadReasonOfCanonical('cidr', b), b).toEqual(want);
    }
    for (const name of [
      'com',
      'gov.vn',
      'evil.example',
      'github.com',
      'api.github.com',
      'x.github.io',
      'vn',
    ]) {
      expect(broadReasonOfCanonical('domain', name), name).toEqual(broadReason('domain', name));
    }
    expect(broadReasonOfCanonical('ip', '10.0.0.1')).toBeNull();
  });
});
