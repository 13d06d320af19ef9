// The report's socket order: stable and the same as comparing the connection keys, compared
// field by field without building the keys (at 11k sockets, building and comparing the keys was
// most of the live scan's JS time).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Connection } from '../domain';
import { connectionKey } from './find-findings';
import { compareNumberTexts, sortConnections } from '../../services/scan/report';
import { propertyRuns } from '../../test/support/property-runs';
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

  it('orders any sockets as their connection keys would, without building the keys', () => {
    const address = fc.oneof(
      fc.constantFrom('', '*', '::', '0.0.0.0', '127.0.0.1', '127.0.0.10', '10.0.0.1'),
      fc.ipV4(),
      fc.ipV6(),
      fc.ipV6().map((a) => `${a}%eth0`),
    );
    const port = fc.oneof(
      fc.constantFrom(0, 8, 80, 800, 8000, 443, 4430, 65535),
      fc.integer({ min: 0, max: 65535 }),
    );
    const socket = fc.record({
      protocol: fc.constantFrom<'tcp' | 'udp'>('tcp', 'udp'),
      localAddress: address,
      localPort: port,
      remoteAddress: address,
      remotePort: port,
      pid: fc.oneof(
        fc.constant(null),
        fc.constantFrom(0, 4, 40, 400),
        fc.integer({ min: 0, max: 4_194_304 }),
      ),
    });
    fc.assert(
      fc.property(fc.array(socket, { maxLength: 60 }), (fields) => {
        const list = fields.map((f) => connection({ ...f, processName: 'node' }));
        const keys = sortConnections(list).map(connectionKey);
        expect(keys).toEqual(list.map(connectionKey).sort());
      }),
      { numRuns: propertyRuns(500) },
    );
  });

  it('compares two numbers as their decimal texts would compare', () => {
    const text = (a: number, b: number): number => {
      const x = String(a);
      const y = String(b);
      return x === y ? 0 : x < y ? -1 : 1;
    };
    for (const [a, b] of [
      [443, 80],
      [8, 80],
      [80, 8],
      [9, 80],
      [100, 10],
      [10, 100],
      [0, 0],
      [65535, 65535],
      [2 ** 31 - 1, 2 ** 31],
      [-1, 3],
      [1.5, 15],
    ])
      expect(compareNumberTexts(a, b), `${a} vs ${b}`).toBe(text(a, b));
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: 0, max: 70_000 }), fc.integer(), fc.maxSafeInteger()),
        fc.oneof(fc.integer({ min: 0, max: 70_000 }), fc.integer(), fc.maxSafeInteger()),
        (a, b) => compareNumberTexts(a, b) === text(a, b),
      ),
      { numRuns: propertyRuns(2000) },
    );
  });

  it('keeps an empty list empty', () => {
    expect(sortConnections([])).toEqual([]);
  });
});
