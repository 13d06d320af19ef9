import { describe, expect, it } from 'vitest';
import { toConnectionRows } from '../../shared/ipc/connection-rows';
import { applyView } from './table-model';
import { conn, reportOf } from '../../test/support/renderer/render-app';

const rows = toConnectionRows(
  reportOf(
    [conn({ pid: 9, processName: 'b.exe' }), conn({ pid: 3, processName: 'a.exe', state: 'TIME_WAIT' })],
    [conn({ pid: 50, processName: 'z.exe', remoteAddress: '2001:db8::1' })],
  ),
);

describe('details table view', () => {
  it('keeps flagged rows first whatever the sort', () => {
    const byName = applyView(rows, { filter: 'all', query: '', sort: 'process', descending: false });
    expect(byName.map((r) => r.processName)).toEqual(['z.exe', 'a.exe', 'b.exe']);
  });

  it('finds a row by its bracketed IPv6 endpoint and filters open connections', () => {
    expect(
      applyView(rows, { filter: 'all', query: '[2001:db8::1]:443', sort: null, descending: false }),
    ).toHaveLength(1);
    expect(
      applyView(rows, { filter: 'established', query: '', sort: null, descending: false }).map((r) => r.pid),
    ).toEqual([50, 9]);
  });
});
