// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { act, cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../shared/ipc/schemas';
import { defaultSettings, feedStatus, renderApp } from '../../test/support/renderer/render-app';

afterEach(cleanup);

async function openSettings(overrides = {}) {
  let stored: Settings = { ...defaultSettings };
  const r = await renderApp({
    'settings:set': (patch: Partial<Settings>) => (stored = { ...stored, ...patch }),
    ...overrides,
  });
  const user = userEvent.setup();
  await user.click(screen.getByRole('button', { name: 'Cài đặt' }));
  return { ...r, user, stored: () => stored };
}

describe('Settings screen', () => {
  it('has sending off by default and saves the opt-in, unit and tally address', async () => {
    const { user, stored } = await openSettings();
    const optIn = screen.getByRole('checkbox', { name: /Đồng ý gửi kết quả ẩn danh/ });
    expect(optIn).not.toBeChecked();
    await user.click(optIn);
    await user.type(screen.getByLabelText('Mã đơn vị của bạn'), 'SO-TTTT-DL');
    await user.type(screen.getByLabelText('Địa chỉ máy chủ tổng hợp'), 'https://tally.daklak.gov.vn');
    await user.click(screen.getByRole('button', { name: 'Lưu cài đặt' }));
    expect(await screen.findByText('Đã lưu cài đặt.')).toBeVisible();
    expect(stored()).toMatchObject({
      sendResults: true,
      unitCode: 'SO-TTTT-DL',
      tallyUrl: 'https://tally.daklak.gov.vn',
    });
  });

  it('saves the unit enrolment token from the tally administrator, in a password field', async () => {
    const { user, stored } = await openSettings();
    const field = screen.getByLabelText(/Mã đăng ký đơn vị/);
    expect(field).toHaveAttribute('type', 'password');
    await user.type(field, 'smd-unit-Xq3v9N2kLr8TtYbWc5Hd1FjGm0PsUe7AiOzKxBnRwQy');
    await user.click(screen.getByRole('button', { name: 'Lưu cài đặt' }));
    expect(await screen.findByText('Đã lưu cài đặt.')).toBeVisible();
    expect(stored().unitToken).toBe('smd-unit-Xq3v9N2kLr8TtYbWc5Hd1FjGm0PsUe7AiOzKxBnRwQy');
  });

  it('refuses an address that is not http(s), saying which field (validated by the contract)', async () => {
    const { user, stored } = await openSettings();
    await user.type(screen.getByLabelText(/Địa chỉ tải danh sách/), 'file:///C:/feed.json');
    await user.click(screen.getByRole('button', { name: 'Lưu cài đặt' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('feedUrl');
    expect(stored().feedUrl).toBe('');
  });

  it('shows the feed version, date, source and last check, and "update now" reports the outcome', async () => {
    const { user } = await openSettings({
      'feed:update': () => ({
        outcome: 'rejected',
        message: 'chữ ký không hợp lệ / bad signature',
        text: { code: 'msg.feed.rejected' },
        status: feedStatus,
      }),
    });
    expect(screen.getByText('https://khonggianmang.vn/feed/latest.json')).toBeVisible();
    expect(screen.getByText('1.200')).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Cập nhật ngay' }));
    // Worded from the catalogue in the page's language; main's raw text only under "technical details".
    expect(
      await screen.findByText(
        'Danh sách tải về bị từ chối, vẫn dùng danh sách cũ. Danh sách tải về không có chữ ký hợp lệ của cơ quan. Báo cán bộ CNTT.',
      ),
    ).toBeVisible();
    expect(screen.getByText('chữ ký không hợp lệ / bad signature')).not.toBeVisible();
    expect(screen.getByText('chữ ký không hợp lệ / bad signature').closest('details')).not.toBeNull();
  });

  it('shows the newer feed that main accepted at start-up, without a reload', async () => {
    const { mock } = await openSettings();
    expect(screen.getByText('1.200')).toBeVisible();
    act(() =>
      mock.emit('feed:changed', {
        ...feedStatus,
        version: 4,
        indicatorCount: 1350,
        source: 'https://tally.daklak.gov.vn/feed/latest.json',
      }),
    );
    expect(await screen.findByText('1.350')).toBeVisible();
    expect(screen.getByText('https://tally.daklak.gov.vn/feed/latest.json')).toBeVisible();
  });

  it('loads the units the tally publishes and picks one into the unit code', async () => {
    let unitsAsked = 0;
    const { user, stored } = await openSettings({
      'tally:units': () => {
        unitsAsked += 1;
        return [
          { code: 'SO-TTTT', name: 'Sở Thông tin và Truyền thông' },
          { code: 'UBND-BMT', name: 'UBND thành phố Buôn Ma Thuột' },
        ];
      },
    });
    const load = screen.getByRole('button', { name: 'Tải danh sách đơn vị từ máy chủ tổng hợp' });
    expect(load).toBeDisabled();
    await user.type(screen.getByLabelText('Địa chỉ máy chủ tổng hợp'), 'https://tally.daklak.gov.vn');
    await user.click(load);
    expect(await screen.findByText('Đã tải 2 đơn vị. Chọn đơn vị của bạn.')).toBeVisible();
    // The address is saved first: main reads it from Settings.
    expect(stored().tallyUrl).toBe('https://tally.daklak.gov.vn');
    expect(unitsAsked).toBe(1);
    await user.selectOptions(screen.getByLabelText('Chọn đơn vị của bạn'), 'UBND-BMT');
    expect(screen.getByLabelText('Mã đơn vị của bạn')).toHaveValue('UBND-BMT');
    await user.click(screen.getByRole('button', { name: 'Lưu cài đặt' }));
    expect(await screen.findByText('Đã lưu cài đặt.')).toBeVisible();
    expect(stored().unitCode).toBe('UBND-BMT');
  });
});
