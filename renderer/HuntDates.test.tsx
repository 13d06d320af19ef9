// @vitest-environment jsdom
// "Từ" / "Đến" on the network-monitoring screen read what a Vietnamese user types (dd/mm/yyyy,
// optionally hh:mm; this computer's time): the fields show that form, a time that does not read is
// said beside the fields and nothing runs, and a good one goes to the hunt as typed.
import '@testing-library/jest-dom/vitest';
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { HuntReport } from '../shared/logs/report';
import { renderApp } from '../test/support/renderer/render-app';

afterEach(cleanup);

const report = {
  huntedAt: '2026-11-23T10:00:00+07:00',
  devices: [],
  indicators: [],
  files: [
    { path: 'pfirewall.log', format: 'windows-firewall', bytes: 100, lines: 3, records: 3, skipped: 0 },
  ],
  feeds: [],
  warnings: [],
  warningCount: 0,
} as unknown as HuntReport;

async function openHunt() {
  const runs: unknown[] = [];
  await renderApp({
    'hunt:run': (req: unknown) => {
      runs.push(req);
      return report;
    },
  });
  const user = userEvent.setup();
  await user.click(screen.getByRole('button', { name: 'Giám sát mạng (cán bộ CNTT)' }));
  await user.type(screen.getByRole('textbox', { name: /nhật ký/i }), 'C:\\logs\\pfirewall.log');
  return { user, runs };
}

describe('hunt period fields', () => {
  it('show the day/month/year form and say how to write it', async () => {
    await openHunt();
    const since = screen.getByRole('textbox', { name: 'Từ (không bắt buộc)' });
    const until = screen.getByRole('textbox', { name: 'Đến (không bắt buộc)' });
    expect(since).toHaveAttribute('placeholder', '01/11/2026');
    expect(until).toHaveAttribute('placeholder', '30/11/2026 17:00');
    expect(since).toHaveAccessibleDescription(
      'Ngày/tháng/năm, có thể thêm giờ:phút (giờ của máy này). Bỏ trống để đọc hết.',
    );
  });

  it('a time that does not read (31/02, month first, words) is said beside the field; nothing runs', async () => {
    const { user, runs } = await openHunt();
    const since = screen.getByRole('textbox', { name: 'Từ (không bắt buộc)' });
    const until = screen.getByRole('textbox', { name: 'Đến (không bắt buộc)' });
    await user.type(since, '31/02/2026');
    await user.click(screen.getByRole('button', { name: 'Bắt đầu' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Thời điểm “Từ” (31/02/2026) không đọc được. Viết theo dạng ngày/tháng/năm, ví dụ 23/11/2026 hoặc 23/11/2026 08:00.',
    );
    expect(since).toHaveAttribute('aria-invalid', 'true');
    expect(until).not.toHaveAttribute('aria-invalid');
    await user.clear(since);
    await user.type(until, 'hôm qua');
    await user.click(screen.getByRole('button', { name: 'Bắt đầu' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Thời điểm “Đến” (hôm qua) không đọc được.');
    expect(until).toHaveAttribute('aria-invalid', 'true');
    expect(runs).toEqual([]);
  });

  it('a good day/month/year goes to the hunt as typed and the error goes away', async () => {
    const { user, runs } = await openHunt();
    const since = screen.getByRole('textbox', { name: 'Từ (không bắt buộc)' });
    await user.type(since, '1/13/2026');
    await user.click(screen.getByRole('button', { name: 'Bắt đầu' }));
    expect(await screen.findByRole('alert')).toBeVisible();
    await user.clear(since);
    await user.type(since, '01/11/2026 08:00');
    await user.type(screen.getByRole('textbox', { name: 'Đến (không bắt buộc)' }), '30/11/2026');
    await user.click(screen.getByRole('button', { name: 'Bắt đầu' }));
    expect(await screen.findByText('Đã đọc 1 tệp,', { exact: false })).toBeVisible();
    expect(screen.queryByText(/không đọc được/)).toBeNull();
    expect(runs).toEqual([
      { paths: ['C:\\logs\\pfirewall.log'], since: '01/11/2026 08:00', until: '30/11/2026' },
    ]);
  });
});
