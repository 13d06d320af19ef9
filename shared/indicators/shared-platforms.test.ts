import { describe, expect, it } from 'vitest';
import { PLATFORM_CATEGORY_NAMES, SHARED_PLATFORMS, sharedPlatformOf } from './shared-platforms';

describe('the shared-platform list', () => {
  it('has every category with names in both languages, and no entry twice', () => {
    const categories = new Set(SHARED_PLATFORMS.map((p) => p.category));
    expect([...categories].sort()).toEqual(Object.keys(PLATFORM_CATEGORY_NAMES).sort());
    const domains = SHARED_PLATFORMS.map((p) => p.domain);
    expect(new Set(domains).size).toBe(domains.length);
  });

  // One real host per kind of platform: what a malicious URL on it looks like in URLhaus/ThreatFox.
  const cases: [string, string, string][] = [
    ['code-hosting', 'api.github.com', 'github.com'],
    ['code-hosting', 'objects.githubusercontent.com', 'githubusercontent.com'],
    ['code-hosting', 'gitlab.com', 'gitlab.com'],
    ['file-sharing', 'download2390.mediafire.com', 'mediafire.com'],
    ['file-sharing', 'mega.nz', 'mega.nz'],
    ['cloud-storage', 'drive.google.com', 'drive.google.com'],
    ['cloud-storage', 'dl.dropboxusercontent.com', 'dropboxusercontent.com'],
    ['cloud-storage', 'bucket-x.s3.amazonaws.com', 'amazonaws.com'],
    ['cdn', 'cdn.jsdelivr.net', 'jsdelivr.net'],
    ['cdn', 'cdnjs.cloudflare.com', 'cloudflare.com'],
    ['paste', 'pastebin.com', 'pastebin.com'],
    ['paste', 'paste.ee', 'paste.ee'],
    ['messaging', 'cdn.discordapp.com', 'discordapp.com'],
    ['messaging', 'api.telegram.org', 'telegram.org'],
    ['url-shortener', 'bit.ly', 'bit.ly'],
    ['url-shortener', 'tinyurl.com', 'tinyurl.com'],
    ['mail-office', 'docs.google.com', 'google.com'],
    ['mail-office', 'login.microsoftonline.com', 'microsoftonline.com'],
    ['vn-platform', 'chat.zalo.me', 'zalo.me'],
    ['vn-platform', 'stc-zaloprofile.zdn.vn', 'zdn.vn'],
    ['vn-platform', 'znews-photo.zadn.vn', 'zadn.vn'],
    ['vn-platform', 'vcdn1-vnexpress.vnecdn.net', 'vnecdn.net'],
    ['vn-platform', 's3.viettelcloud.vn', 'viettelcloud.vn'],
    ['vn-platform', 'vnptcloud.onsmartcloud.com', 'onsmartcloud.com'],
    ['vn-platform', 'cms-prod.s3-sgn09.fptcloud.com', 'fptcloud.com'],
    ['vn-platform', 'api.meinvoice.vn', 'meinvoice.vn'],
    ['vn-platform', 'www.fshare.vn', 'fshare.vn'],
  ];
  for (const [category, host, entry] of cases) {
    it(`${category}: ${host} is the shared platform ${entry}`, () => {
      expect(sharedPlatformOf(host)).toMatchObject({ domain: entry, category });
    });
  }

  it('tests every category at least once', () => {
    expect(new Set(cases.map((c) => c[0])).size).toBe(Object.keys(PLATFORM_CATEGORY_NAMES).length);
  });

  it('folds case, trailing dot and IDN before looking up', () => {
    expect(sharedPlatformOf('API.GitHub.com.')?.domain).toBe('github.com');
  });

  it('treats a tenant below a tenants entry as its own site, and the entry itself as the platform', () => {
    expect(sharedPlatformOf('evil-user.github.io')).toBeNull();
    expect(sharedPlatformOf('phish-1.pages.dev')).toBeNull();
    expect(sharedPlatformOf('github.io')).toMatchObject({ domain: 'github.io', tenants: true });
    expect(sharedPlatformOf('contoso.sharepoint.com')).toBeNull();
  });

  it('does not take look-alike or unrelated names', () => {
    for (const host of [
      'github.com.evil.example',
      'notgithub.com',
      'evil.example',
      '203.0.113.9',
      'zalo.me.vn',
    ]) {
      expect(sharedPlatformOf(host), host).toBeNull();
    }
  });
});
