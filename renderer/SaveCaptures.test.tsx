// @vitest-environment jsdom
// "Lưu dữ liệu cho cán bộ CNTT" on the network-monitoring screen: a progress bar while main saves,
// then the folder's path and what could not be saved; an error says what to do.
import '@testing-library/jest-dom/vitest';
import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from '../test/support/renderer/render-app';

afterEach(cleanup);

const FOLDER = 'C:\\Users\\ketoan\\Documents\\SachMaDoc\\KETOAN-01_20261123-0815';

describe('save data for IT staff', () => {
  it('shows the progress, then where the folder is and which file could not be saved', async () => {
    let finish: (v: unknown) => void = () => {};
    const { mock } = await renderApp({
      'captures:save': () =>
        new Promise((resolve) => {
          finish = resolve;
        }) as never,
    });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Giám sát mạng (cán bộ CNTT)' }));
    await user.click(screen.getByRole('button', { name: 'Lưu dữ liệu cho cán bộ CNTT' }));
    expect(screen.getByRole('button', { name: 'Lưu dữ liệu cho cán bộ CNTT' })).toBeDisabled();
    act(() => mock.emit('captures:progress', { done: 3, total: 10, file: 'svc.csv' }));
    const bar = screen.getByRole('progressbar', { name: 'Tiến độ lưu dữ liệu' });
    expect(bar).toHaveAttribute('value', '3');
    expect(bar).toHaveAttribute('max', '10');
    expect(screen.getByText('Đang lưu svc.csv (3/10)')).toBeVisible();
    await act(async () => {
      finish({
        folder: FOLDER,
        files: [
          { name: 'netstat.txt', bytes: 2048 },
          { name: 'computername.txt', bytes: 11 },
        ],
        failed: [{ name: 'dli.txt', reason: 'mã thoát / exit code 1: Input Error' }],
      });
      await Promise.resolve();
    });
    const status = (await screen.findByText(FOLDER)).closest('[role="status"]') as HTMLElement;
    expect(status).toHaveTextContent(`Đã lưu 2 tệp vào thư mục: ${FOLDER}`);
    expect(status).toHaveTextContent('sachmadoc scan --captures');
    expect(status).toHaveTextContent('Không lưu được 1 tệp (các tệp khác vẫn dùng được):');
    expect(within(status).getByRole('listitem')).toHaveTextContent(
      'dli.txt: mã thoát / exit code 1: Input Error',
    );
    expect(screen.queryByRole('progressbar', { name: 'Tiến độ lưu dữ liệu' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Lưu dữ liệu cho cán bộ CNTT' })).toBeEnabled();
    expect(mock.listeners('captures:progress')).toBe(0);
  });

  it('says why nothing was saved and what to do (not Windows)', async () => {
    const { UserError } = await import('../shared/errors');
    await renderApp({
      'captures:save': () => {
        throw new UserError(
          'Chỉ lưu được dữ liệu trên máy Windows; máy này không có các lệnh cần thiết. / Captures can only be saved on Windows; this computer lacks the commands.',
          'Trên máy Windows cần kiểm tra, mở ứng dụng và bấm lại, hoặc chạy collect.cmd. / On the Windows PC to check, open the app and press again, or run collect.cmd.',
        );
      },
    });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Giám sát mạng (cán bộ CNTT)' }));
    await user.click(screen.getByRole('button', { name: 'Lưu dữ liệu cho cán bộ CNTT' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Chỉ lưu được dữ liệu trên máy Windows');
    expect(alert).toHaveTextContent('chạy collect.cmd');
  });
});
