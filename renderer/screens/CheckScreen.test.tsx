// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScanReport } from '../../shared/domain';
import { conn, defaultSettings, renderApp, reportOf } from '../../test/support/renderer/render-app';

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
    expect(within(verdict).getByRole('button', { name: 'Công cụ hỗ trợ xử lý mã độc' })).toBeVisible();
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

describe('Self-check verdict states', () => {
  async function checkWith(report: ScanReport, language: 'vi' | 'en' = 'vi') {
    const view = await renderApp({
      'scan:run': () => report,
      'settings:set': () => ({ ...defaultSettings, language }),
    });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Tự kiểm tra' }));
    await user.click(screen.getByRole('button', { name: 'Kiểm tra ngay' }));
    await screen.findByRole('button', { name: 'Xem chi tiết' });
    return { ...view, user, verdict: screen.getByRole('status') };
  }
  const adobe = {
    indicator: 'Adobe',
    kind: 'hosts-activation-block' as const,
    via: 'licensing' as const,
    source: 'activation-hosts',
    evidence: '127.0.0.1 lmlicensing.adobe.com\n127.0.0.1 practivate.adobe.com',
  };
  const kmspico = {
    indicator: 'KMSpico',
    kind: 'crack-tool' as const,
    via: 'licensing' as const,
    source: 'signatures',
    evidence: 'C:\\Program Files\\KMSpico\\KMSELDI.exe',
  };

  it('is not green with cracked-software signs: names the products and leads to the Cracked software screen', async () => {
    const { verdict, user } = await checkWith({ ...reportOf([conn()]), findings: [adobe, kmspico] });
    expect(within(verdict).getByRole('heading', { name: 'Có dấu hiệu phần mềm bẻ khóa' })).toBeVisible();
    expect(within(verdict).queryByText('Máy tính sạch')).toBeNull();
    expect(within(verdict).getByText('KMSpico (công cụ bẻ khóa)')).toBeVisible();
    expect(within(verdict).getByText(/^Adobe \(tệp hosts chặn máy chủ kích hoạt/)).toBeVisible();
    expect(verdict.querySelector('[data-verdict]')).toHaveAttribute('data-verdict', 'cracked');
    await user.click(within(verdict).getByRole('button', { name: 'Xem dấu hiệu' }));
    expect(screen.getByRole('heading', { level: 1, name: /phần mềm bẻ khóa/i })).toBeVisible();
  });

  it('on the bundled sample list says the real list is not loaded and how to get it, never clean', async () => {
    const report = {
      ...reportOf([conn()]),
      feeds: [{ source: 'sample', indicators: 12, version: 1, sample: true }],
    };
    const { verdict, user } = await checkWith(report);
    expect(
      within(verdict).getByRole('heading', { name: 'Chưa có danh sách thật của Chiến dịch' }),
    ).toBeVisible();
    expect(within(verdict).getByText(/chưa thể kết luận máy sạch/)).toBeVisible();
    expect(within(verdict).getByText(/vào Cài đặt, bấm “Cập nhật ngay”/)).toBeVisible();
    expect(within(verdict).queryByText('Máy tính sạch')).toBeNull();
    await user.click(within(verdict).getByRole('button', { name: 'Mở Cài đặt để cập nhật danh sách' }));
    expect(screen.getByRole('heading', { level: 1, name: 'Cài đặt' })).toBeVisible();
  });

  it('for an ended connection says it has ended, with the indicator and state, never "PID ?"', async () => {
    const ended = conn({
      pid: null,
      processName: null,
      state: 'TIME_WAIT',
      remoteAddress: '203.0.113.9',
      remotePort: 8080,
    });
    const finding = {
      indicator: '203.0.113.9',
      kind: 'ip' as const,
      via: 'connection' as const,
      source: 'campaign',
      connection: ended,
    };
    for (const report of [
      // As the scan reports it (issue 10, point 5) …
      { ...reportOf([conn(), ended]), recent: [finding] },
      // … and as a scan that did not yet separate ended sockets reported it.
      { ...reportOf([conn(), ended]), findings: [finding] },
    ]) {
      const { verdict, unmount } = await checkWith(report);
      expect(
        within(verdict).getByRole('heading', { name: 'Vừa có kết nối tới địa chỉ độc hại, nay đã kết thúc' }),
      ).toBeVisible();
      expect(
        within(verdict).getByText(
          '203.0.113.9:8080: kết nối đã kết thúc (trạng thái TIME_WAIT), khớp địa chỉ độc hại 203.0.113.9 trong danh sách của Chiến dịch',
        ),
      ).toBeVisible();
      expect(verdict).not.toHaveTextContent('Cần xử lý');
      expect(verdict).not.toHaveTextContent('PID ?');
      expect(verdict).not.toHaveTextContent('chương trình không rõ');
      unmount();
    }
  });

  it('is "action needed" for a DNS-cache lookup of a campaign name even with no connection', async () => {
    const dns = {
      indicator: 'c2.example',
      kind: 'domain' as const,
      via: 'dns-cache' as const,
      source: 'campaign',
      domain: 'c2.example',
    };
    const { verdict } = await checkWith({ ...reportOf([conn()]), findings: [dns] });
    expect(within(verdict).getByRole('heading', { name: 'Cần xử lý' })).toBeVisible();
    expect(within(verdict).getByText(/^c2\.example \(máy này đã tra cứu tên miền này/)).toBeVisible();
  });

  it('shows "not activated" and hosts blocks as information, apart from signs, and stays clean', async () => {
    const report: ScanReport = {
      ...reportOf([conn()]),
      notices: [
        {
          indicator: 'Windows(R), Professional edition',
          kind: 'not-activated',
          via: 'licensing',
          source: 'slmgr /dli',
          evidence: 'License Status: Notification',
        },
      ],
      blocked: [
        { indicator: 'c2.example', domain: 'c2.example', address: '0.0.0.0', source: 'campaign', line: 23 },
      ],
    };
    const { verdict } = await checkWith(report);
    expect(within(verdict).getByRole('heading', { name: 'Máy tính sạch' })).toBeVisible();
    const info = within(verdict).getByRole('region', {
      name: 'Thông tin thêm (không phải phát hiện mã độc)',
    });
    expect(info).toHaveTextContent('Windows chưa kích hoạt: Windows(R), Professional edition.');
    expect(info).toHaveTextContent('Tệp hosts của máy này đang chặn c2.example (trỏ về 0.0.0.0)');
    expect(within(verdict).queryByText(/phần mềm bẻ khóa:/)).toBeNull();
  });

  it('says each state in English too', async () => {
    const { verdict, user } = await checkWith({ ...reportOf([conn()]), findings: [kmspico] }, 'en');
    await user.click(screen.getByRole('button', { name: 'English' }));
    expect(await within(verdict).findByRole('heading', { name: 'Signs of cracked software' })).toBeVisible();
    expect(within(verdict).getByText('KMSpico (crack tool)')).toBeVisible();
  });
});
