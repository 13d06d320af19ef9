// MISP events as CIRCL's feed writes them, for the MISP parser's tests (shared/indicator-formats/misp*.test.ts).

/** A CIRCL-style attribute. */
export function attr(type: string, value: string, extra: Record<string, unknown> = {}) {
  return {
    category: 'Network activity',
    comment: '',
    uuid: `57c4448b-454c-4d17-90d1-${String(value.length).padStart(12, '0')}`,
    timestamp: '1472480395',
    to_ids: true,
    value,
    type,
    ...extra,
  };
}
/** A MISP event holding `attributes`, pretty-printed as CIRCL serves it. */
export const eventOf = (attributes: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify(
    {
      Event: {
        info: 'Ransomware - Xorist',
        threat_level_id: '3',
        uuid: '57c4445b-c548-4654-af0b-4be3950d210f',
        Attribute: attributes,
        ...extra,
      },
    },
    null,
    1,
  );
