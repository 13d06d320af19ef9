import { describe, expect, it } from 'vitest';
import { toConnectionRows } from '../../shared/ipc/connection-rows';
import { applyView, isListening, localEndpoint } from './table-model';
import { DEFAULT_PREFS, HIDEABLE, parsePrefs, visibleColumns } from './table-columns';
import { conn, reportOf, rpcListen } from '../../test/support/renderer/render-app';

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

describe('listening and ended toggles, the local end, flagged on top', () => {
  const mixed = toConnectionRows(
    reportOf(
      [
        rpcListen({ services: [] }),
        conn({
          pid: 2088,
          processName: 'mdns.exe',
          protocol: 'udp',
          state: '',
          localAddress: '*',
          localPort: 5353,
          remoteAddress: '*',
          remotePort: 0,
        }),
        conn({ pid: 0, processName: null, state: 'TIME_WAIT', localPort: 50990 }),
        conn({ pid: 300, processName: 'zoom.exe' }),
      ],
      [conn({ pid: 4242, processName: 'KMSELDI.exe', remoteAddress: '203.0.113.9' })],
    ),
  );
  const view = { filter: 'all' as const, query: '', sort: null, descending: false };

  it('hides listening ports and ended sockets when asked, never a flagged row', () => {
    const pids = (v: Partial<typeof view> & { showListen?: boolean; showEnded?: boolean }) =>
      applyView(mixed, { ...view, ...v }).map((r) => r.pid);
    expect(pids({})).toEqual([4242, 840, 2088, 0, 300]);
    expect(pids({ showListen: false })).toEqual([4242, 2088, 0, 300]);
    expect(pids({ showEnded: false })).toEqual([4242, 840, 2088, 300]);
    expect(pids({ showListen: false, showEnded: false })).toEqual([4242, 2088, 300]);
  });

  it('shows the port of a socket listening on every address, and finds it by that port', () => {
    expect(localEndpoint(mixed[1])).toBe('0.0.0.0:135');
    expect(localEndpoint(mixed[2])).toBe('*:5353');
    expect(applyView(mixed, { ...view, query: '*:5353' }).map((r) => r.pid)).toEqual([2088]);
    expect(isListening({ state: 'LISTENING' })).toBe(true);
  });

  it('keeps flagged rows first without a sort too (live mode appends rows in any order)', () => {
    const reversed = [...mixed].reverse();
    expect(applyView(reversed, view).map((r) => r.pid)).toEqual([4242, 300, 0, 2088, 840]);
  });

  it('sorts addresses with numbers in numeric order', () => {
    const byLocal = applyView(mixed, { ...view, sort: 'local' }).map((r) => localEndpoint(r));
    expect(byLocal.slice(1)).toEqual(['*:5353', '0.0.0.0:135', '10.0.0.5:50000', '10.0.0.5:50990']);
  });
});

describe('column choice kept between runs', () => {
  it('reads a kept choice, drops unknown or unhideable columns, and falls back on anything broken', () => {
    expect(parsePrefs(JSON.stringify({ hidden: ['path', 'actions', 'nope'], showListen: false }))).toEqual({
      hidden: ['path'],
      showListen: false,
      showEnded: true,
    });
    expect(parsePrefs('{not json')).toEqual(DEFAULT_PREFS);
    expect(parsePrefs(null)).toEqual(DEFAULT_PREFS);
    expect(parsePrefs('{"hidden":"path","showEnded":"no"}')).toEqual(DEFAULT_PREFS);
  });

  it('always shows the flag and action columns, in table order', () => {
    const keys = visibleColumns(HIDEABLE).map((c) => c.key);
    expect(keys).toEqual(['flag', 'actions']);
    expect(visibleColumns(['services', 'pid']).map((c) => c.key)).not.toContain('pid');
  });
});
