// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Handlers } from '../shared/ipc/dispatch';
import type { ProcessEvidence, StepResult } from '../shared/licensing/cleanup-schema';
import { conn, renderApp, reportOf } from '../test/support/renderer/render-app';

afterEach(cleanup);

const bad = conn({
  pid: 4242,
  processName: 'KMSELDI.exe',
  processPath: 'C:\\Windows\\KMSAutoS\\KMSELDI.exe',
  remoteAddress: '203.0.113.9',
  remotePort: 8080,
});
const report = reportOf([conn({ pid: 300, processName: 'zoom.exe' })], [bad]);
const TOKEN = 'a'.repeat(32);

const evidence: ProcessEvidence = {
  pid: 4242,
  name: 'KMSELDI.exe',
  path: 'C:\\Windows\\KMSAutoS\\KMSELDI.exe',
  sha256: 'f'.repeat(64),
  commandLine: '"C:\\Windows\\KMSAutoS\\KMSELDI.exe" /silent',
  parentPid: 700,
  parentName: 'services.exe',
  startTime: '2026-11-23T08:00:00.000Z',
  signature: { status: 'NotSigned', signer: null, message: null },
  persistence: [{ type: 'service', name: 'KMSELDI', imagePath: 'C:\\Windows\\KMSAutoS\\KMSELDI.exe' }],
  notes: [],
};

/** Opens the guided cleanup on the flagged row; `cleanup` overrides the cleanup channels. */
async function openGuide(cleanupHandlers: Partial<Handlers> = {}) {
  const r = await renderApp({
    'scan:last': () => report,
    'cleanup:evidence': () => evidence,
    'cleanup:log': () => [],
    'cleanup:firewall-rules': () => ({ ips: [] }),
    ...cleanupHandlers,
  });
  const user = userEvent.setup();
  await user.click(screen.getByRole('button', { name: 'Chi tiết (cán bộ CNTT)' }));
  await user.click(screen.getByRole('button', { name: 'Xử lý kết nối của PID 4242' }));
  expect(
    screen.getByRole('heading', { level: 1, name: 'Xử lý mã độc có hướng dẫn (cán bộ CNTT)' }),
  ).toBeVisible();
  const channels = () => r.mock.calls.map((c) => c.channel);
  return { ...r, user, channels };
}

const TERMINATE = 'Dừng tiến trình KMSELDI.exe (PID 4242)';

describe('guided cleanup view', () => {
  it('shows the evidence of the flagged program, including its startup entry', async () => {
    await openGuide();
    expect(await screen.findByText('f'.repeat(64))).toBeVisible();
    expect(screen.getByText('services.exe (PID 700)')).toBeVisible();
    expect(screen.getByText('(không rõ) (NotSigned)')).toBeVisible();
    expect(screen.getByText('KMSELDI → C:\\Windows\\KMSAutoS\\KMSELDI.exe')).toBeVisible();
    expect(
      screen.getByRole('button', {
        name: 'Sao lưu rồi gỡ mục tự khởi động: KMSELDI → C:\\Windows\\KMSAutoS\\KMSELDI.exe',
      }),
    ).toBeVisible();
  });

  it('runs nothing until Confirm: the first press only proposes and shows exactly what will run', async () => {
    const done: StepResult = {
      step: 'terminate',
      outcome: 'ok',
      message: { vi: 'Đã dừng KMSELDI.exe (PID 4242).', en: 'Terminated KMSELDI.exe (PID 4242).' },
    };
    const { user, channels, mock } = await openGuide({
      'cleanup:propose': () => ({
        status: 'proposed',
        token: TOKEN,
        summary: { vi: 'Dừng tiến trình KMSELDI.exe (PID 4242).', en: 'Terminate KMSELDI.exe (PID 4242).' },
      }),
      'cleanup:confirm': () => done,
    });
    await user.click(screen.getByRole('button', { name: TERMINATE }));
    const proposal = await screen.findByRole('group', { name: `Xác nhận: ${TERMINATE}` });
    expect(proposal).toHaveTextContent('Sẽ thực hiện: Dừng tiến trình KMSELDI.exe (PID 4242).');
    expect(channels()).toContain('cleanup:propose');
    expect(channels()).not.toContain('cleanup:confirm');
    expect(mock.calls.find((c) => c.channel === 'cleanup:propose')?.request).toEqual({
      item: 'conn:4242:203.0.113.9:8080',
      request: { step: 'terminate', pid: 4242, name: 'KMSELDI.exe' },
    });

    // Cancel runs nothing either.
    await user.click(within(proposal).getByRole('button', { name: 'Hủy' }));
    expect(channels()).not.toContain('cleanup:confirm');

    await user.click(screen.getByRole('button', { name: TERMINATE }));
    const confirm = await screen.findByRole('button', { name: `Xác nhận: ${TERMINATE}` });
    expect(confirm).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(await screen.findByText('Đã dừng KMSELDI.exe (PID 4242).')).toBeVisible();
    expect(mock.calls.filter((c) => c.channel === 'cleanup:confirm').map((c) => c.request)).toEqual([
      { token: TOKEN },
    ]);
  });

  it('shows the refusal for a critical process plainly, with no way to confirm', async () => {
    const { user, channels } = await openGuide({
      'cleanup:propose': () => ({
        status: 'refused',
        message: {
          vi: 'lsass.exe là tiến trình quan trọng của Windows; không được dừng.',
          en: 'lsass.exe is a critical Windows process; it must not be terminated.',
        },
      }),
    });
    await user.click(screen.getByRole('button', { name: TERMINATE }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Từ chối: lsass.exe là tiến trình quan trọng của Windows; không được dừng.',
    );
    expect(screen.queryByRole('button', { name: `Xác nhận: ${TERMINATE}` })).toBeNull();
    expect(channels()).not.toContain('cleanup:confirm');
  });

  it('says when a step needs administrator rights and how to restart elevated', async () => {
    const { user } = await openGuide({
      'cleanup:propose': () => ({
        status: 'proposed',
        token: TOKEN,
        summary: {
          vi: 'Chặn kết nối ra 203.0.113.9: netsh …',
          en: 'Block outbound traffic to 203.0.113.9: netsh …',
        },
      }),
      'cleanup:confirm': () => ({
        step: 'block-address',
        outcome: 'needs-admin',
        message: {
          vi: 'Bước này cần quyền quản trị. Đóng Sạch Mã Độc, nhấp chuột phải vào biểu tượng và chọn "Run as administrator" (Chạy với quyền quản trị), rồi làm lại bước này.',
          en: 'This step needs administrator rights.',
        },
      }),
    });
    const block = 'Chặn địa chỉ 203.0.113.9 bằng quy tắc tường lửa';
    await user.click(screen.getByRole('button', { name: block }));
    await user.click(await screen.findByRole('button', { name: `Xác nhận: ${block}` }));
    const result = await screen.findByText(/Cần quyền quản trị/);
    expect(result.closest('[role="status"]')).toHaveTextContent('Run as administrator');
  });

  it('lists our firewall rules with a remove step for each', async () => {
    const { user, channels } = await openGuide({
      'cleanup:firewall-rules': () => ({ ips: ['203.0.113.9'] }),
      'cleanup:propose': () => ({
        status: 'proposed',
        token: TOKEN,
        summary: { vi: 'Gỡ quy tắc chặn 203.0.113.9', en: 'Remove the block rule for 203.0.113.9' },
      }),
    });
    await user.click(await screen.findByRole('button', { name: 'Gỡ quy tắc chặn 203.0.113.9' }));
    expect(await screen.findByRole('group', { name: 'Xác nhận: Gỡ quy tắc chặn 203.0.113.9' })).toBeVisible();
    expect(channels()).not.toContain('cleanup:confirm');
  });
});

describe('watched re-scan in the guided cleanup', () => {
  it('shows the watch progress main pushes, then what came back and from which PID', async () => {
    let finish!: (r: StepResult) => void;
    const RESCAN = 'Quét lại và kiểm tra kết nối đã hết chưa';
    const { user, mock } = await openGuide({
      'cleanup:propose': () => ({
        status: 'proposed',
        token: TOKEN,
        summary: {
          vi: 'Quét lại: theo dõi 15 giây mọi kết nối tới 203.0.113.9, với bất kỳ PID nào.',
          en: 'x',
        },
      }),
      'cleanup:confirm': () => new Promise<StepResult>((r) => (finish = r)),
    });
    await user.click(screen.getByRole('button', { name: RESCAN }));
    await user.click(await screen.findByRole('button', { name: `Xác nhận: ${RESCAN}` }));
    expect(mock.calls.find((c) => c.channel === 'cleanup:propose')?.request).toMatchObject({
      request: { step: 'rescan', target: { remoteAddress: '203.0.113.9', remotePort: 8080, pid: 4242 } },
    });
    const bar = await screen.findByRole('progressbar', { name: 'Tiến độ quét lại' });
    // The bar listens once its effect has run; an event before that would be lost by design.
    await waitFor(() => expect(mock.listeners('cleanup:rescan-progress')).toBe(1));
    act(() =>
      mock.emit('cleanup:rescan-progress', {
        item: 'conn:4242:203.0.113.9:8080',
        elapsedMs: 6_250,
        totalMs: 15_000,
        samples: 26,
      }),
    );
    // Another item's watch does not move this bar.
    act(() =>
      mock.emit('cleanup:rescan-progress', {
        item: 'conn:77:198.51.100.7:443',
        elapsedMs: 14_000,
        totalMs: 15_000,
        samples: 57,
      }),
    );
    expect(await screen.findByText('Đang theo dõi kết nối: 6/15 giây (26 lần lấy mẫu)')).toBeVisible();
    expect(bar).toHaveAttribute('value', '6250');

    const message =
      'Quét lại (theo dõi 15 giây): kết nối xuất hiện lại từ PID 5151 (svch0st.exe) tới 203.0.113.9.';
    act(() =>
      finish({ step: 'rescan', outcome: 'failed', message: { vi: message, en: 'x' }, data: { gone: false } }),
    );
    expect(await screen.findByText(message)).toBeVisible();
    expect(screen.getByText(/Kết nối vẫn còn\./)).toBeVisible();
    expect(screen.queryByRole('progressbar', { name: 'Tiến độ quét lại' })).toBeNull();
    // React runs an unmounted component's effect cleanup after the commit, not with it: the bar
    // stops listening soon after it is gone (on a busy machine, after this line's first look).
    await waitFor(() => expect(mock.listeners('cleanup:rescan-progress')).toBe(0));
  });
});
