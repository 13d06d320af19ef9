// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScanReport } from '../../../shared/domain';
import { conn, renderApp, reportOf } from './render-app';

afterEach(cleanup);

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('Self-check screen', () => {
  it('runs the check in main, shows a progress bar naming the step, then names the flagged programs', async () => {
    const scan = deferred<ScanReport>();
    const { mock } = await renderApp({ 'scan:run': () => scan.promise });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Tự kiểm tra' }));
    await user.click(screen.getByRole('button', { name: 'Kiểm tra ngay' }));

    act(() => mock.emit('scan:progress', { step: 'dns-cache', fraction: 0.4 }));
    const bar = screen.getByRole('progressbar', { name: 'Tiến độ kiểm tra' });
    expect(bar).toHaveAttribute('value', '40');
    expect(screen.getByText('Đang kiểm tra: bộ nhớ đệm tên miền (DNS)')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Kiểm tra ngay' })).toBeDisabled();

    const bad = conn({
      pid: 4242,
      processName: 'KMSELDI.exe',
      remoteAddress: '203.0.113.9',
      remotePort: 8080,
    });
    await act(async () => {
      scan.resolve(reportOf([conn()], [bad]));
      await scan.promise;
    });

    expect(screen.queryByRole('progressbar')).toBeNull();
    const verdict = screen.getByRole('status');
    expect(
      within(verdict).getByText('Phát hiện 1 kết nối tới địa chỉ độc hại của Chiến dịch.'),
    ).toBeVisible();
    expect(within(verdict).getByText('KMSELDI.exe (PID 4242) → 203.0.113.9:8080')).toBeVisible();
    expect(within(verdict).getByRole('button', { name: 'Công cụ xử lý chính thức' })).toBeVisible();
    // Progress listeners are released once the scan is over.
    expect(mock.listeners('scan:progress')).toBe(0);
  });

  it('says the computer is clean, with how many connections were checked', async () => {
    await renderApp({ 'scan:run': () => reportOf([conn(), conn({ pid: 7 })]) });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Tự kiểm tra' }));
    await user.click(screen.getByRole('button', { name: 'Kiểm tra ngay' }));
    expect(await screen.findByText('Máy tính sạch')).toBeVisible();
    expect(screen.getByText(/2 kết nối đã được kiểm tra/)).toBeVisible();
  });

  it('shows what went wrong and what to do when the scan fails', async () => {
    await renderApp({
      'scan:run': () => {
        throw new Error('netstat exited with 1');
      },
    });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Tự kiểm tra' }));
    await user.click(screen.getByRole('button', { name: 'Kiểm tra ngay' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('netstat exited with 1');
    expect(alert).toHaveTextContent('báo cán bộ CNTT');
  });

  it('switches to English: "Check now", and the choice is saved through main', async () => {
    let saved: unknown = null;
    const { mock } = await renderApp({
      'settings:set': (patch) => (
        (saved = patch),
        { language: 'en', feedUrl: '', tallyUrl: '', unitCode: '', sendResults: false }
      ),
    });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'English' }));
    await user.click(await screen.findByRole('button', { name: 'Self-check' }));
    expect(screen.getByRole('button', { name: 'Check now' })).toBeVisible();
    expect(document.documentElement.lang).toBe('en');
    expect(saved).toEqual({ language: 'en' });
    expect(mock.calls.at(-1)?.channel).toBe('settings:set');
  });
});
