// @vitest-environment jsdom
// Issue 10: blocked names, ended connections and "not activated" notices are shown as information,
// apart from the findings, in Vietnamese and English.
import '@testing-library/jest-dom/vitest';
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScanReport } from '../../shared/domain';
import { conn, renderApp, reportOf } from '../../test/support/renderer/render-app';

afterEach(cleanup);

function informational(): ScanReport {
  const ended = conn({
    remoteAddress: '203.0.113.9',
    state: 'TIME_WAIT',
    pid: 0,
    processName: null,
    processPath: null,
  });
  return {
    ...reportOf([conn(), ended]),
    blocked: [
      {
        indicator: 'evil.example',
        domain: 'c2.evil.example',
        address: '0.0.0.0',
        source: 'campaign',
        file: 'C:\\Windows\\System32\\drivers\\etc\\hosts',
        line: 23,
        text: '0.0.0.0 c2.evil.example',
      },
    ],
    recent: [
      { indicator: '203.0.113.9', kind: 'ip', via: 'connection', source: 'campaign', connection: ended },
      {
        indicator: 'evil.example',
        kind: 'domain',
        via: 'connection',
        domain: 'c2.evil.example',
        source: 'campaign',
        connection: { ...ended, remoteAddress: '198.51.100.7', state: 'CLOSED', pid: null },
      },
    ],
    notices: [
      {
        indicator: 'Windows(R), Professional edition',
        kind: 'not-activated',
        via: 'licensing',
        source: 'slmgr /dli',
        evidence: 'License Status: Notification',
        explanation: {
          vi: 'Windows chưa kích hoạt: Windows(R), Professional edition (trạng thái: chế độ thông báo).',
          en: 'Windows not activated: Windows(R), Professional edition (state: notification mode).',
        },
      },
    ],
  };
}

describe('information beside the findings', () => {
  it('Details lists the names the hosts file blocks and the ended connections, and flags neither', async () => {
    await renderApp({
      'scan:last': () => informational(),
      'settings:set': () => ({ language: 'en', feedUrl: '', tallyUrl: '', unitCode: '', sendResults: false }),
    });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Chi tiết (cán bộ CNTT)' }));
    expect(screen.getByRole('heading', { level: 2, name: 'Bị chặn trên máy này (1)' })).toBeVisible();
    expect(
      screen.getByText(/c2\.evil\.example → 0\.0\.0\.0 \(địa chỉ độc hại evil\.example\)/),
    ).toBeVisible();
    expect(
      screen.getByText('C:\\Windows\\System32\\drivers\\etc\\hosts:23: 0.0.0.0 c2.evil.example'),
    ).toBeVisible();
    expect(screen.getByRole('heading', { level: 2, name: 'Kết nối gần đây, đã kết thúc (2)' })).toBeVisible();
    expect(screen.getByText('203.0.113.9:443 (trạng thái TIME_WAIT)')).toBeVisible();
    expect(screen.getByText('198.51.100.7:443 — c2.evil.example (trạng thái CLOSED)')).toBeVisible();
    expect(screen.getByText(/0 độc hại|0 kết nối độc hại/)).toBeVisible();

    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'English' }));
    await user.click(await screen.findByRole('button', { name: 'Details (IT staff)' }));
    expect(screen.getByRole('heading', { level: 2, name: 'Blocked on this machine (1)' })).toBeVisible();
    expect(
      screen.getByRole('heading', { level: 2, name: 'Recently connected, connection ended (2)' }),
    ).toBeVisible();
  });

  it('the Cracked software screen shows "not activated" as a notice, not as a sign', async () => {
    await renderApp({ 'scan:last': () => informational() });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Phần mềm bẻ khóa' }));
    expect(screen.getByText(/lần kiểm tra gần nhất không thấy dấu hiệu/i)).toBeVisible();
    expect(
      screen.getByRole('heading', { level: 2, name: 'Thông báo bản quyền (không phải dấu hiệu bẻ khóa)' }),
    ).toBeVisible();
    expect(screen.getByText(/Windows chưa kích hoạt: Windows\(R\), Professional edition/)).toBeVisible();
    expect(screen.getByText('License Status: Notification')).toBeVisible();
  });
});
