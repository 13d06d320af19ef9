// Windows DNS Server debug log: only standard queries (opcode Q) are lookups a client made. The
// header the server writes into dns.log keys the opcode column "Q = Standard Query, N = Notify,
// U = Update, ? = Unknown"; a DHCP client's dynamic update of its own name was counted as a query
// of the zone before.
import { describe, expect, it } from 'vitest';
import { parseFeed, toIndicators } from '../indicator-formats';
import { IndicatorIndex } from '../indicators';
import { huntText, summary } from '../../test/support/hunt/helpers';

const index = IndicatorIndex.build(toIndicators(parseFeed('corp.example\nevil.example\n', 'f.txt'), 'f.txt'));

describe('Windows DNS debug log opcodes', () => {
  it('counts the standard query, not the dynamic update or the notify of the same zone', () => {
    const log = [
      '11/23/2026 8:15:02 AM 0294 PACKET  000002DAEC3680D0 UDP Rcv 10.1.2.9        7822   U [0028       NOERROR] SOA    (4)corp(7)example(0)',
      '11/23/2026 8:15:03 AM 0294 PACKET  000002DAEC3680D1 UDP Rcv 10.1.2.10       7823   N [0024 A     NOERROR] SOA    (4)corp(7)example(0)',
      '11/23/2026 8:15:04 AM 0E40 PACKET  000001D2A8F0C1E0 UDP Rcv 10.1.2.11       a1b2   Q [0001   D   NOERROR] A      (3)www(4)corp(7)example(0)',
      '11/23/2026 8:15:05 AM 0E40 PACKET  000001D2A8F0C1E1 UDP Rcv 10.1.2.12       a1b3   Q [0001   D   NOERROR] A      (4)evil(7)example(0)',
    ].join('\r\n');
    const { report, format } = huntText('dns.log', log, { index });
    expect(format).toBe('windows-dns');
    expect(summary(report)).toEqual(['10.1.2.11 → corp.example ×1', '10.1.2.12 → evil.example ×1']);
    expect(report.files[0]).toMatchObject({ lines: 4, records: 2, skipped: 0 });
  });
});
