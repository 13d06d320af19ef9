import { describe, expect, it } from 'vitest';
import { isOfficialUrl, onPinnedDomain } from '../../shared/campaign-feed/official-links';
import { externalHosts, isAllowedExternal } from './external';

// A signed feed (say, signed with a leaked or test key) that points "official cleanup tool" at a
// look-alike site: the app opens only hosts on the list pinned in the app.
const campaign = {
  infoUrl: 'https://khonggianmang.vn/chiendichmadoc2022',
  cleanupToolUrl: 'https://khonggianmang-vn.download/cong-cu.exe',
};

describe('official links come from a list pinned in the app, not from the feed alone', () => {
  it('drops a feed host that is not the Authority’s or the campaign’s', () => {
    const hosts = externalHosts(campaign);
    expect([...hosts]).toEqual(['khonggianmang.vn']);
    expect(isAllowedExternal(campaign.cleanupToolUrl, hosts)).toBe(false);
    expect(isAllowedExternal(campaign.infoUrl, hosts)).toBe(true);
  });

  it('accepts the pinned domains and their subdomains, nothing that merely ends like them', () => {
    for (const h of ['khonggianmang.vn', 'www.khonggianmang.vn', 'ais.gov.vn', 'AIS.GOV.VN.'])
      expect(onPinnedDomain(h), h).toBe(true);
    for (const h of ['evilkhonggianmang.vn', 'khonggianmang.vn.evil.example', 'gov.vn', 'ais.gov.vn.co'])
      expect(onPinnedDomain(h), h).toBe(false);
    expect(isOfficialUrl('https://khonggianmang.vn/a')).toBe(true);
    expect(isOfficialUrl('http://khonggianmang.vn/a')).toBe(false);
    expect(isOfficialUrl('https://khonggianmang.vn@evil.example/a')).toBe(false);
    expect(isOfficialUrl('https://user@khonggianmang.vn/a')).toBe(false);
  });
});
