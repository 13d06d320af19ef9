// Sharing exports: a STIX 2.1 bundle and a MISP event, for other threat-intelligence systems.
// JSON has no comments: the campaign, version, date and SAMPLE go in the bundle's report object
// and the event's info. Ids are version-5 UUIDs of the values, so the same feed gives the same bytes.
// Compact JSON: a province feed of 450,000 entries is 265 MB of STIX when indented.
import { both, headerLines } from './header';
import type { ExportFile } from './header';
import type { ExportModel } from './model';
import { uuidV5 } from './sha1';

/** Namespace of our UUIDs (a fixed random UUID). */
const NAMESPACE = '6f1d3a52-9c4e-4b7a-8e21-5d0c7b9f3a64';

interface Entry {
  kind: 'ipv4' | 'ipv6' | 'domain' | 'url';
  value: string;
}

function entries(m: ExportModel): Entry[] {
  return [
    ...m.ipv4.map((value) => ({ kind: 'ipv4' as const, value })),
    ...m.ipv6.map((value) => ({ kind: 'ipv6' as const, value })),
    ...m.domains.map((value) => ({ kind: 'domain' as const, value })),
    ...m.urls.map((value) => ({ kind: 'url' as const, value })),
  ];
}

function stixPattern(e: Entry): string {
  const v = e.value.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
  switch (e.kind) {
    case 'ipv4':
    case 'ipv6':
      return `[${e.kind}-addr:value ${e.value.includes('/') ? 'ISSUBSET' : '='} '${v}']`;
    case 'domain':
      return `[domain-name:value = '${v}']`;
    case 'url':
      return `[url:value = '${v}']`;
  }
}

function title(m: ExportModel): string {
  return `${both('app.name')} ${m.campaignId} v${m.version} (${m.publishedAt})${m.sample ? ` ${both('msg.cli.feed.label.sample')}` : ''}`;
}

/** STIX 2.1 bundle: an identity, one indicator per entry, and a report naming them. */
export function renderStix(m: ExportModel): ExportFile[] {
  const t = m.publishedAt;
  const scope = `${m.campaignId}/${m.version}`;
  const identity = {
    type: 'identity',
    spec_version: '2.1',
    id: `identity--${uuidV5(NAMESPACE, `identity/${m.campaignId}`)}`,
    created: t,
    modified: t,
    name: m.campaignName.vi,
    identity_class: 'organization',
  };
  const indicators = entries(m).map((e) => ({
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${uuidV5(NAMESPACE, `${e.kind}/${e.value}`)}`,
    created_by_ref: identity.id,
    created: t,
    modified: t,
    name: `${e.kind} ${e.value}`,
    indicator_types: ['malicious-activity'],
    pattern: stixPattern(e),
    pattern_type: 'stix',
    valid_from: t,
  }));
  const report = {
    type: 'report',
    spec_version: '2.1',
    id: `report--${uuidV5(NAMESPACE, `report/${scope}`)}`,
    created_by_ref: identity.id,
    created: t,
    modified: t,
    name: title(m),
    description: headerLines(m, 'STIX 2.1').join('\n'),
    report_types: ['threat-report'],
    published: t,
    // A report must reference at least one object; the identity stands in for an empty feed.
    object_refs: indicators.length > 0 ? indicators.map((i) => i.id) : [identity.id],
    // STIX lists must not be empty: the label only on the sample.
    ...(m.sample ? { labels: ['sample'] } : {}),
  };
  const bundle = {
    type: 'bundle',
    id: `bundle--${uuidV5(NAMESPACE, `bundle/${scope}`)}`,
    objects: [identity, report, ...indicators],
  };
  return [{ name: 'sachmadoc-stix.json', text: `${JSON.stringify(bundle)}\n` }];
}

/** MISP event JSON ({"Event": …}) with to_ids attributes, importable with "Add event from JSON". */
export function renderMisp(m: ExportModel): ExportFile[] {
  const ts = String(Math.floor(Date.parse(m.publishedAt) / 1000));
  const attr = (e: Entry) => ({
    uuid: uuidV5(NAMESPACE, `misp/${e.kind}/${e.value}`),
    type: e.kind === 'domain' ? 'domain' : e.kind === 'url' ? 'url' : 'ip-dst',
    category: 'Network activity',
    value: e.value,
    to_ids: true,
    distribution: '5',
    timestamp: ts,
    comment: `sachmadoc ${m.campaignId} v${m.version}`,
  });
  const event = {
    Event: {
      uuid: uuidV5(NAMESPACE, `misp-event/${m.campaignId}/${m.version}`),
      info: `${title(m)} — ${m.campaignName.vi}`,
      date: m.publishedAt.slice(0, 10),
      timestamp: ts,
      publish_timestamp: ts,
      threat_level_id: '1',
      analysis: '2',
      distribution: '1',
      published: false,
      Tag: [{ name: 'tlp:green' }, ...(m.sample ? [{ name: 'sachmadoc:sample' }] : [])],
      Attribute: entries(m).map(attr),
    },
  };
  return [{ name: 'sachmadoc-misp.json', text: `${JSON.stringify(event)}\n` }];
}
