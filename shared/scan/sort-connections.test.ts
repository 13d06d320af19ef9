// The report's socket order: stable and the same as comparing the connection keys, and each
// socket's key is built once per sort (not once per comparison, which at 11k sockets was most of
// the live scan's JS time).
import { describe, expect, it } from 'vitest';
import type { Connection } from '../domain';
import { connectionKey } from './find-findings';
import { sortConnections } from '../../services/scan/report';
import { connection } from '../../test/support/connection';

function conn(i: number): Connection {
  return connection({
    protocol: i % 3 === 0 ? 'udp' : 'tcp',
    localAddress: i % 2 ? '127.0.0.1' : '::1',
    localPort: 40000 + ((i * 7919) % 20000),
    remoteAddress: `127.0.${(i * 31) % 256}.${i % 256}`,
    pid: i % 5 === 0 ? null : 1000 + (i % 50),
    processName: 'node',
  });
}

describe('sortConnections', () => {
  it('orders sockets by their connection key, as before', () => {
    const list = Array.from({ length: 2000 }, (_, i) => conn(i));
    const sorted = sortConnections(list);
    const keys = sorted.map(connectionKey);
    expect(keys).toEqual([...keys].sort());
    expect(sorted).toHaveLength(list.length);
    expect(new Set(sorted)).toEqual(new Set(list));
  });

  it('builds each socket key once, however many comparisons the sort makes', () => {
    let reads = 0;
    const list = Array.from({ length: 11_000 }, (_, i) => {
      const c = conn(i);
      const protocol = c.protocol;
      Object.defineProperty(c, 'protocol', {
        enumerable: true,
        get: () => {
          reads++;
          return protocol;
        },
      });
      return c;
    });
    sortConnections(list);
    expect(reads).toBe(list.length);
  });

  it('keeps an empty list empty', () => {
    expect(sortConnections([])).toEqual([]);
  });
});
