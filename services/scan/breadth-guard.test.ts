// Issue 10.1 / 12 "Breadth guard": a catch-all indicator or allow-list entry is skipped at load,
// even from a feed signed with a pinned key, with a warning naming it; the scan goes on with the rest.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Connection, DnsRecord } from '../../shared/domain';
import { createFeedStore } from '../feed/feed-store';
import { indexIndicators, skipBroad } from './indicators';
import { createScanService } from './scan-service';
import { makeFeed, signed, tempDir, testKeys } from '../../test/support/feed/feed-test-kit';
import { connection } from '../../test/support/connection';

const conn = (remoteAddress: string, localPort: number): Connection =>
  connection({ localPort, remoteAddress, pid: 5120 });
const a = (name: string, data: string): DnsRecord => ({
  name,
  type: 'A',
  data,
  ttl: 60,
  origin: 'dns-cache',
});

describe('catch-all entries of a signed campaign feed', () => {
  it('are skipped with a warning naming each, and the rest of the feed still matches', async () => {
    const { pinned, k2026 } = await testKeys();
    const feed = await makeFeed(3, {
      indicators: [
        { id: 'c2-1', type: 'ip', value: '203.0.113.9', severity: 'critical' },
        { id: 'all-v4', type: 'cidr', value: '0.0.0.0/0' },
        { id: 'all-v6', type: 'cidr', value: '::/0' },
        { id: 'wide', type: 'cidr', value: '100.0.0.0/6' },
        { id: 'tld', type: 'domain', value: 'com' },
        { id: 'gov', type: 'domain', value: 'gov.vn' },
        { id: 'gh', type: 'domain', value: 'github.com' },
        { id: 'zalo', type: 'domain', value: 'chat.zalo.me' },
        { id: 'vn-c2', type: 'domain', value: 'update-check.com.vn' },
        {
          id: 'url-1',
          type: 'url',
          value: 'https://github.com/evil-user/tool/releases/download/v1/setup.exe',
        },
      ],
      allowList: [
        { type: 'domain', value: 'vn', comment: 'would hide every .vn finding' },
        { type: 'cidr', value: '::/0' },
        { type: 'domain', value: 'intranet.example' },
      ],
    });
    const dir = await tempDir();
    const pair = signed(feed, k2026);
    const feedFile = join(dir, 'feed.json');
    await writeFile(feedFile, pair.bytes);
    await writeFile(`${feedFile}.sig`, pair.sig);
    const store = await createFeedStore({
      cacheDir: join(dir, 'cache'),
      bundled: { feedFile, sigFile: `${feedFile}.sig` },
      keys: pinned,
      env: {},
    });
    const active = store.active();
    expect(active.version).toBe(3); // the signature held: this is a trusted feed

    const set = indexIndicators({
      indicators: active.indicators,
      allow: active.allowList,
      feeds: [{ source: active.campaign.id, indicators: active.indicators.length, version: active.version }],
      warnings: [],
    });
    const scanner = createScanService({
      connections: {
        list: () =>
          Promise.resolve({
            connections: [
              conn('203.0.113.9', 50001),
              conn('140.82.112.6', 50002),
              conn('198.51.100.30', 50003),
            ],
            warnings: [],
          }),
      },
      indicators: () => Promise.resolve(set),
      dnsCache: () =>
        Promise.resolve({
          records: [
            a('api.github.com', '140.82.112.6'),
            a('update-check.com.vn', '198.51.100.30'),
            a('chat.zalo.me', '203.0.113.200'),
          ],
          warnings: [],
        }),
      hostsFile: () => Promise.resolve({ records: [], warnings: [] }),
    });
    const report = await scanner.scan();

    // 0.0.0.0/0 would have flagged every connection, com/github.com every GitHub user; the allow-list
    // "vn" would have hidden update-check.com.vn.
    expect(report.findings.map((f) => `${f.via} ${f.indicator}`)).toEqual([
      'connection 203.0.113.9',
      'connection update-check.com.vn',
      'dns-cache update-check.com.vn',
    ]);
    expect(report.feeds).toEqual([{ source: 'lam-sach-ma-doc-test', indicators: 3, version: 3 }]);
    const skipped = report.warnings.map((w) => w.message.split(' / ')[0]);
    expect(skipped).toEqual([
      'indicators[1]: bỏ qua chỉ báo quá rộng cidr 0.0.0.0/0: 0.0.0.0/0 là mọi địa chỉ IPv4; nó sẽ báo nhầm mọi máy. Báo cơ quan phát hành danh sách',
      'indicators[2]: bỏ qua chỉ báo quá rộng cidr ::/0: ::/0 là mọi địa chỉ IPv6; nó sẽ báo nhầm mọi máy. Báo cơ quan phát hành danh sách',
      'indicators[3]: bỏ qua chỉ báo quá rộng cidr 100.0.0.0/6: dải 100.0.0.0/6 rộng hơn /8 (quá nhiều địa chỉ cho một chỉ báo); nó sẽ báo nhầm mọi máy. Báo cơ quan phát hành danh sách',
      'indicators[4]: bỏ qua chỉ báo quá rộng domain com: com là hậu tố công cộng (mọi tên miền dưới .com); nó sẽ báo nhầm mọi máy. Báo cơ quan phát hành danh sách',
      'indicators[5]: bỏ qua chỉ báo quá rộng domain gov.vn: gov.vn là hậu tố công cộng (mọi tên miền dưới .gov.vn); nó sẽ báo nhầm mọi máy. Báo cơ quan phát hành danh sách',
      'indicators[6]: bỏ qua chỉ báo quá rộng domain github.com: github.com là nền tảng dùng chung: lưu trữ mã nguồn; nó sẽ báo nhầm mọi máy. Báo cơ quan phát hành danh sách',
      'indicators[7]: bỏ qua chỉ báo quá rộng domain chat.zalo.me: chat.zalo.me (thuộc zalo.me) là nền tảng dùng chung: nền tảng Việt Nam dùng trong công việc; nó sẽ báo nhầm mọi máy. Báo cơ quan phát hành danh sách',
      'allowList[0]: bỏ qua mục danh sách cho phép quá rộng domain vn: vn là hậu tố công cộng (mọi tên miền dưới .vn); nó sẽ che mọi phát hiện. Báo cơ quan phát hành danh sách',
      'allowList[1]: bỏ qua mục danh sách cho phép quá rộng cidr ::/0: ::/0 là mọi địa chỉ IPv6; nó sẽ che mọi phát hiện. Báo cơ quan phát hành danh sách',
    ]);
    expect(report.warnings[3]).toMatchObject({ file: 'lam-sach-ma-doc-test' });
    expect(report.warnings[3]?.message).toMatch(
      / \/ catch-all indicator skipped: domain com: com is a public suffix \(every domain under \.com\); it would flag every machine\. Tell the feed's publisher$/,
    );
  });

  it('leaves a load with nothing catch-all untouched', () => {
    const load = {
      indicators: [{ id: 'ip:203.0.113.9', kind: 'ip' as const, value: '203.0.113.9', source: 'f' }],
      allow: [{ type: 'cidr' as const, value: '10.0.0.0/8' }],
      feeds: [{ source: 'f', indicators: 1 }],
      warnings: [],
    };
    expect(skipBroad(load)).toBe(load);
  });

  it('checks one indicator list once: a rescan of the same active feed reuses the answer', () => {
    const indicators = [
      { id: 'ip:203.0.113.9', kind: 'ip' as const, value: '203.0.113.9', source: 'f' },
      { id: 'domain:com', kind: 'domain' as const, value: 'com', source: 'f' },
    ];
    const load = () => ({ indicators, allow: [], feeds: [{ source: 'f', indicators: 2 }], warnings: [] });
    const first = skipBroad(load());
    const second = skipBroad(load());
    expect(first.indicators).toEqual([indicators[0]]);
    expect(second.indicators).toBe(first.indicators);
    expect(second.warnings).toEqual(first.warnings);
  });
});
