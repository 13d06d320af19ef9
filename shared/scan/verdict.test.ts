import { describe, expect, it } from 'vitest';
import type { Finding, ScanReport } from '../domain';
import { connection as conn } from '../../test/support/connection';
import { decideVerdict, isEndedConnection } from './verdict';

// Real-shaped parts: the campaign feed as the feed store reports it, the sample feed as bundled.
const campaignFeed = { source: 'cd-2026', indicators: 1834, version: 7 };
const sampleFeed = { source: 'sample-chien-dich', indicators: 12, version: 1, sample: true };
const base = (over: Partial<ScanReport> = {}): ScanReport => ({
  scannedAt: '2026-12-02T03:00:00.000Z',
  findings: [],
  connections: [conn({})],
  feeds: [campaignFeed],
  warnings: [],
  ...over,
});
const live = conn({ pid: 4242, processName: 'svch0st.exe', remoteAddress: '203.0.113.9', remotePort: 8080 });
const liveFinding: Finding = {
  indicator: '203.0.113.9',
  kind: 'ip',
  via: 'connection',
  source: 'cd-2026',
  connection: live,
};
// `ss -tan` lists a client-closed socket as TIME-WAIT with no process; netstat -ano as PID 0.
const ended = conn({ pid: null, processName: null, state: 'TIME_WAIT', remoteAddress: '203.0.113.9' });
const endedFinding: Finding = { ...liveFinding, connection: ended };
const adobe: Finding = {
  indicator: 'Adobe',
  kind: 'hosts-activation-block',
  via: 'licensing',
  source: 'activation-hosts',
  evidence: '127.0.0.1 lmlicensing.adobe.com',
};
const kmspico: Finding = {
  indicator: 'KMSpico',
  indicatorId: 'kmspico',
  kind: 'crack-tool',
  via: 'licensing',
  source: 'signatures',
  evidence: 'C:\\Program Files\\KMSpico\\KMSELDI.exe',
};
const kms: Finding = {
  indicator: 'kms8.msguides.com',
  kind: 'kms-activation',
  via: 'licensing',
  domain: 'kms8.msguides.com',
  source: 'slmgr /dli',
};
const notActivated: Finding = {
  indicator: 'Windows(R), Professional edition',
  kind: 'not-activated',
  via: 'licensing',
  source: 'slmgr /dli',
  evidence: 'License Status: Notification',
};

describe('decideVerdict', () => {
  it('is clean only with nothing found and the real campaign list in use', () => {
    expect(decideVerdict(base()).state).toBe('clean');
  });

  it('is never clean on the bundled sample list, nor with no indicator loaded', () => {
    const v = decideVerdict(base({ feeds: [sampleFeed] }));
    expect(v).toMatchObject({ state: 'sample', sample: true });
    expect(decideVerdict(base({ feeds: [] })).state).toBe('sample');
    expect(decideVerdict(base({ feeds: [{ source: 'empty.txt', indicators: 0 }] })).state).toBe('sample');
    // One real feed beside the sample still means part of the list is only the sample.
    expect(decideVerdict(base({ feeds: [campaignFeed, sampleFeed] })).state).toBe('sample');
  });

  it('is infected on contact with an indicator, by connection, DNS cache or hosts file', () => {
    expect(decideVerdict(base({ findings: [liveFinding] })).state).toBe('infected');
    const dns: Finding = { indicator: 'c2.example', kind: 'domain', via: 'dns-cache', source: 'cd-2026' };
    expect(decideVerdict(base({ findings: [dns] })).state).toBe('infected');
    const hijack: Finding = { indicator: 'c2.example', kind: 'domain', via: 'hosts-file', source: 'cd-2026' };
    expect(decideVerdict(base({ findings: [hijack] }))).toMatchObject({
      state: 'infected',
      findings: [hijack],
    });
    // Infected wins over the sample: the machine did talk to a listed address.
    expect(decideVerdict(base({ findings: [liveFinding], feeds: [sampleFeed] })).state).toBe('infected');
  });

  it('is "recently connected" when the only evidence is an ended connection', () => {
    const v = decideVerdict(base({ recent: [endedFinding] }));
    expect(v).toMatchObject({ state: 'recent', findings: [], recent: [endedFinding] });
    // A live connection to the same indicator makes it infected; the ended one stays listed.
    expect(decideVerdict(base({ findings: [liveFinding], recent: [endedFinding] }))).toMatchObject({
      state: 'infected',
      recent: [endedFinding],
    });
  });

  it('treats an ended, ownerless socket among the findings as recent, not as a culprit', () => {
    const v = decideVerdict(base({ findings: [endedFinding] }));
    expect(v).toMatchObject({ state: 'recent', findings: [], recent: [endedFinding] });
    const windowsTimeWait = { ...endedFinding, connection: { ...ended, pid: 0 } };
    expect(decideVerdict(base({ findings: [windowsTimeWait] })).state).toBe('recent');
    // An ended state that still has an owner, and a live state without one, stay findings.
    expect(isEndedConnection({ state: 'TIME_WAIT', pid: 4242 })).toBe(false);
    expect(isEndedConnection({ state: 'ESTABLISHED', pid: null })).toBe(false);
    expect(isEndedConnection({ state: 'CLOSED', pid: null })).toBe(true);
  });

  it('is "cracked" with signs and no malicious contact, naming each product once', () => {
    const v = decideVerdict(
      base({ findings: [adobe, kmspico, kms, { ...kmspico, evidence: 'KMSELDI.exe' }] }),
    );
    expect(v.state).toBe('cracked');
    expect(v.products).toEqual([
      { name: 'Adobe', kind: 'hosts-activation-block' },
      { name: 'KMSpico', kind: 'crack-tool' },
      { name: 'kms8.msguides.com', kind: 'kms-activation' },
    ]);
    expect(v.signs).toHaveLength(4);
    // Signs on the sample list: cracked (the signs are real), and the sample flag stays for the note.
    expect(decideVerdict(base({ findings: [adobe], feeds: [sampleFeed] }))).toMatchObject({
      state: 'cracked',
      sample: true,
    });
    // Infected and recent are more serious than signs.
    expect(decideVerdict(base({ findings: [adobe, liveFinding] })).state).toBe('infected');
    expect(decideVerdict(base({ findings: [adobe], recent: [endedFinding] })).state).toBe('recent');
  });

  it('keeps notices and blocked names as information that never changes the state', () => {
    const blocked = {
      indicator: 'c2.example',
      domain: 'c2.example',
      address: '0.0.0.0',
      source: 'cd-2026',
      file: 'C:\\Windows\\System32\\drivers\\etc\\hosts',
      line: 23,
      text: '0.0.0.0 c2.example',
    };
    const v = decideVerdict(base({ notices: [notActivated], blocked: [blocked] }));
    expect(v).toMatchObject({ state: 'clean', notices: [notActivated], blocked: [blocked], signs: [] });
    // An older report kept "not activated" among the findings: still a notice, not a sign.
    const old = decideVerdict(base({ findings: [notActivated] }));
    expect(old).toMatchObject({ state: 'clean', notices: [notActivated], signs: [], products: [] });
    // … and one that carried it in both places shows it once.
    expect(decideVerdict(base({ findings: [notActivated], notices: [notActivated] })).notices).toEqual([
      notActivated,
    ]);
  });
});

describe('isEndedConnection', () => {
  it('never treats an unknown (localised, unmapped) state word as ended', () => {
    expect(isEndedConnection({ state: 'FIN_WAIT_2', pid: null })).toBe(true);
    expect(isEndedConnection({ state: 'NASŁUCHIWANIE', pid: null })).toBe(false);
    expect(isEndedConnection({ state: 'ZAMKNIĘTE', pid: 0 })).toBe(false);
  });
});
