// @vitest-environment jsdom
// "Gửi tổng hợp về máy chủ" on the network-monitoring screen: the exact JSON is shown first, and
// sent only on the second press; why nothing can be sent is said in plain words.
import '@testing-library/jest-dom/vitest';
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { HuntReport } from '../shared/logs/report';
import { renderApp } from '../test/support/renderer/render-app';

afterEach(cleanup);

const report: HuntReport = {
  huntedAt: '2026-11-23T10:00:00+07:00',
  devices: [
    {
      address: '10.1.2.3',
      count: 2,
      firstSeen: '2026-11-20T08:00:00+07:00',
      lastSeen: '2026-11-22T08:00:00+07:00',
      indicators: [
        {
          indicator: '203.0.113.9',
          kind: 'ip',
          source: 'feed',
          count: 2,
          inbound: 0,
          firstSeen: '2026-11-20T08:00:00+07:00',
          lastSeen: '2026-11-22T08:00:00+07:00',
          ports: ['443'],
          protocols: ['tcp'],
        },
      ],
      evidence: [],
    },
  ],
  indicators: [{ indicator: '203.0.113.9', kind: 'ip', devices: ['10.1.2.3'], count: 2 }],
  files: [
    { path: 'pfirewall.log', format: 'windows-firewall', bytes: 100, lines: 3, records: 3, skipped: 0 },
  ],
  feeds: [],
  warnings: [],
  warningCount: 0,
} as unknown as HuntReport;

const summary = {
  schema: 1,
  campaignId: 'lam-sach-ma-doc',
  unitCode: 'SO-TTTT',
  devices: 1,
  periodStart: '2026-11-20',
  periodEnd: '2026-11-22',
};

async function openHunt(overrides: Record<string, unknown>) {
  let sent = 0;
  await renderApp({
    'hunt:run': () => report,
    'hunt:summary-send': () => {
      sent += 1;
      return { status: 'stored', summary };
    },
    ...overrides,
  });
  const user = userEvent.setup();
  await user.click(screen.getByRole('button', { name: 'Giám sát mạng (cán bộ CNTT)' }));
  await user.type(screen.getByRole('textbox', { name: /nhật ký/i }), 'C:\\logs\\pfirewall.log');
  await user.click(screen.getByRole('button', { name: 'Bắt đầu' }));
  await user.click(await screen.findByRole('button', { name: 'Gửi tổng hợp về máy chủ' }));
  return { user, sent: () => sent };
}

describe('hunt summary for the tally', () => {
  it('shows exactly what is sent, then sends it on "Gửi"', async () => {
    const { user, sent } = await openHunt({ 'hunt:summary': () => ({ summary, missing: null }) });
    expect(await screen.findByLabelText('Nội dung sẽ gửi về máy chủ tổng hợp')).toHaveTextContent(
      JSON.stringify(summary, null, 2).replace(/\s+/g, ' '),
      { normalizeWhitespace: true },
    );
    expect(sent()).toBe(0);
    await user.click(screen.getByRole('button', { name: 'Gửi' }));
    expect(await screen.findByText('Máy chủ tổng hợp đã lưu bản tổng hợp.')).toBeVisible();
    expect(sent()).toBe(1);
  });

  it('says why nothing can be sent (no unit chosen)', async () => {
    await openHunt({ 'hunt:summary': () => ({ summary: null, missing: 'unit' }) });
    expect(await screen.findByText('Chưa chọn đơn vị: chọn đơn vị trong Cài đặt rồi lưu.')).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Gửi' })).toBeNull();
  });
});
