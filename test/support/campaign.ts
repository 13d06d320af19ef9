// The one campaign fixture of the tests: the campaign as the signed feed carries it (the app, the
// harness), and as the tally records it once the feed is published.
import type { Campaign } from '../../shared/campaign-feed/campaign-feed';
import type { CampaignRecord } from '../../tally/store/types';

/** The campaign of letter 1298/CATTT-NCSC as a feed carries it, with `over` applied. */
export const campaign = (over: Partial<Campaign> = {}): Campaign => ({
  id: 'lam-sach-ma-doc',
  name: {
    vi: 'Chiến dịch làm sạch mã độc trên không gian mạng',
    en: 'Campaign to clean malware from cyberspace',
  },
  authority: { vi: 'Cục An toàn thông tin', en: 'Authority of Information Security' },
  letter: '1298/CATTT-NCSC',
  startsOn: '2026-08-23',
  endsOn: '2026-12-31',
  reportDeadline: '2026-12-15',
  infoUrl: 'https://khonggianmang.vn/chiendichmadoc2022',
  cleanupToolUrl: 'https://khonggianmang.vn/chiendichmadoc2022#cong-cu',
  sample: false,
  ...over,
});

/** A campaign as `tally feed publish` records it (the one the tally tests' results name). */
export const CAMPAIGN_RECORD: CampaignRecord = {
  id: 'cd-2026',
  nameVi: 'Chiến dịch làm sạch mã độc trên không gian mạng năm 2026',
  nameEn: 'Campaign to clean malware from cyberspace 2026',
  letter: '1298/CATTT-NCSC',
  startsOn: '2026-08-23',
  endsOn: '2026-12-31',
  reportDeadline: '2026-12-15',
  feedVersion: 3,
  feedPublishedAt: '2026-08-23T01:00:00.000Z',
  recordedAt: '2026-08-23T02:00:00.000Z',
};
