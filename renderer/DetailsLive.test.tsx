// @vitest-environment jsdom
// Live mode of the details table (issue 15): a snapshot a second through scan:snapshot, new rows
// marked "Mới" for a few seconds, ended rows greyed "Đã đóng" then gone, flagged rows on top, pause.
import '@testing-library/jest-dom/vitest';
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Connection, Finding } from '../shared/domain';
import { conn, renderApp, reportOf } from '../test/support/renderer/render-app';

beforeEach(() => localStorage.clear());
// The app is rendered with real timers; the clock is faked from the press of "watch live" on.
const fakeClock = () =>
  vi.useFakeTimers({
    now: Date.parse('2026-12-02T08:00:00.000Z'),
    toFake: ['setTimeout', 'clearTimeout', 'Date'],
  });
const press = (name: string) =>
  act(async () => {
    fireEvent.click(screen.getByRole('button', { name }));
    await vi.advanceTimersByTimeAsync(0);
  });
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const bad = conn({ pid: 4242, processName: 'KMSELDI.exe', remoteAddress: '203.0.113.9', localPort: 50122 });
const zoom = conn({ pid: 300, processName: 'zoom.exe', localPort: 50200, remoteAddress: '170.114.52.2' });
const fresh = conn({
  pid: 5200,
  processName: 'OneDrive.exe',
  localPort: 50300,
  remoteAddress: '13.107.42.12',
});
const beacon = conn({ pid: 6000, processName: 'upd.exe', localPort: 50400, remoteAddress: '203.0.113.9' });
const flag = (c: Connection): Finding => ({
  indicator: c.remoteAddress,
  kind: 'ip',
  via: 'connection',
  source: 'campaign',
  connection: c,
});

async function openLive(snapshots: { connections: Connection[]; flagged: Connection[] }[]) {
  let n = 0;
  const calls: string[] = [];
  const app = await renderApp({
    'scan:last': () => reportOf([zoom], [bad]),
    'scan:snapshot': () => {
      const s = snapshots[Math.min(n, snapshots.length - 1)];
      n++;
      const takenAt = new Date(Date.now()).toISOString();
      calls.push(takenAt);
      return { takenAt, connections: [...s.connections, ...s.flagged], findings: s.flagged.map(flag) };
    },
  });
  await userEvent.setup().click(screen.getByRole('button', { name: 'Chi tiết (cán bộ CNTT)' }));
  fakeClock();
  await press('Theo dõi trực tiếp');
  return { ...app, calls };
}
const second = () =>
  act(async () => {
    await vi.advanceTimersByTimeAsync(1000);
  });
const rowOf = (pid: number) =>
  screen.getAllByRole('row').find((r) => within(r).queryAllByRole('cell')[1]?.textContent === String(pid));
const pids = () =>
  screen
    .getAllByRole('row')
    .slice(1)
    .map((r) => within(r).getAllByRole('cell')[1]?.textContent);

describe('Details table: live mode', () => {
  it('highlights a new connection for 3 s and greys an ended one for 5 s, then drops it', async () => {
    await openLive([
      { connections: [zoom, fresh], flagged: [bad] },
      { connections: [fresh], flagged: [bad] },
    ]);
    expect(rowOf(5200)).toHaveClass('row-new');
    expect(within(rowOf(5200)!).getByText('Mới')).toBeVisible();
    expect(rowOf(300)).not.toHaveClass('row-new');
    expect(rowOf(4242)).not.toHaveClass('row-new'); // in the scan already: not new

    await second();
    expect(rowOf(300)).toHaveClass('row-ended');
    expect(within(rowOf(300)!).getByText('Đã đóng')).toBeVisible();
    expect(
      screen.getByText(/Đang theo dõi trực tiếp, cập nhật mỗi giây \(lần cuối lúc \d\d:\d\d:01\)/),
    ).toBeVisible();

    await second();
    await second();
    expect(rowOf(5200)).not.toHaveClass('row-new'); // 3 s after it appeared
    expect(rowOf(300)).toHaveClass('row-ended');
    await second();
    await second();
    await second();
    expect(rowOf(300)).toBeUndefined(); // 5 s after it ended
  });

  it('puts a new flagged connection on top, marked malicious and new, with its cleanup button', async () => {
    await openLive([{ connections: [zoom, fresh], flagged: [bad, beacon] }]);
    expect(pids().slice(0, 2).sort()).toEqual(['4242', '6000']);
    expect(within(rowOf(6000)!).getByText(/Độc hại/)).toBeVisible();
    expect(within(rowOf(6000)!).getByText('Mới')).toBeVisible();
    expect(within(rowOf(6000)!).getByRole('button', { name: 'Xử lý kết nối của PID 6000' })).toBeVisible();
  });

  it('pause stops asking and keeps the table still; resume asks again; stop goes back to the scan', async () => {
    const { calls } = await openLive([{ connections: [zoom, fresh], flagged: [bad] }]);
    expect(calls).toHaveLength(1);
    await press('Tạm dừng');
    await second();
    await second();
    expect(calls).toHaveLength(1);
    expect(rowOf(5200)).toHaveClass('row-new');
    expect(screen.getByText(/^Đã tạm dừng: bảng giữ nguyên như lúc/)).toBeVisible();
    await press('Tiếp tục');
    expect(calls).toHaveLength(2);
    await press('Dừng theo dõi');
    await second();
    expect(calls).toHaveLength(2);
    expect(rowOf(5200)).toBeUndefined();
    expect(pids()).toEqual(['4242', '300']);
  });

  it('stops and says why in words when main cannot give a snapshot', async () => {
    await renderApp({
      'scan:last': () => reportOf([zoom], [bad]),
      'scan:snapshot': () => Promise.reject(new Error('netstat exited with 1')),
    });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Chi tiết (cán bộ CNTT)' }));
    fakeClock();
    await press('Theo dõi trực tiếp');
    expect(screen.getByRole('alert')).toHaveTextContent(/^Đã dừng theo dõi trực tiếp:/);
    expect(screen.getByRole('button', { name: 'Theo dõi trực tiếp' })).toBeVisible();
  });
});
