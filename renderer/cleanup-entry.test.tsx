// @vitest-environment jsdom
// The ways into the guided cleanup besides Details (a licensing sign), and the agency KMS hosts
// setting the licensing checks use.
import '@testing-library/jest-dom/vitest';
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScanReport } from '../shared/domain';
import type { Settings } from '../shared/ipc/schemas';
import { defaultSettings, renderApp } from '../test/support/renderer/render-app';

afterEach(cleanup);

const KMSPICO = 'C:\\Program Files\\KMSpico\\KMSELDI.exe';
const signs: ScanReport = {
  scannedAt: '2026-11-23T09:00:00.000Z',
  connections: [],
  findings: [
    {
      indicator: 'KMSpico',
      kind: 'crack-tool',
      via: 'licensing',
      source: 'licensing',
      evidence: KMSPICO,
      explanation: { vi: 'Công cụ bẻ khóa KMS.', en: 'A KMS crack tool.' },
      advice: { vi: 'Gỡ bỏ và kích hoạt hợp lệ.', en: 'Remove it and activate properly.' },
    },
  ],
  feeds: [],
  warnings: [],
};

describe('guided cleanup from a licensing sign', () => {
  it('opens the cleanup for the sign and gathers the evidence of its file', async () => {
    const { mock } = await renderApp({
      'scan:last': () => signs,
      'cleanup:evidence': ({ path }) => ({
        pid: null,
        name: null,
        path: path ?? null,
        sha256: 'a'.repeat(64),
        commandLine: null,
        parentPid: null,
        parentName: null,
        startTime: null,
        signature: { status: 'NotSigned', signer: null, message: null },
        persistence: [],
        notes: [],
      }),
      'cleanup:log': () => [],
      'cleanup:firewall-rules': () => ({ ips: [] }),
    });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Phần mềm bẻ khóa' }));
    await user.click(screen.getByRole('button', { name: 'Xử lý dấu hiệu: KMSpico' }));
    expect(screen.getByText('Dấu hiệu phần mềm bẻ khóa: KMSpico')).toBeVisible();
    expect(await screen.findByText('a'.repeat(64))).toBeVisible();
    expect(mock.calls.find((c) => c.channel === 'cleanup:evidence')?.request).toEqual({
      item: 'sign:0:KMSpico',
      pid: null,
      path: KMSPICO,
    });
    // A sign has no process or address: no terminate, block or re-scan step is offered.
    expect(screen.queryByRole('button', { name: /Dừng tiến trình|Chặn địa chỉ|Quét lại/ })).toBeNull();
    expect(screen.getByRole('button', { name: 'Mở công cụ hỗ trợ xử lý mã độc' })).toBeVisible();
  });
});

describe('agency KMS hosts (Settings)', () => {
  it('saves one host a line as a list, and shows the contract refusing a malformed one', async () => {
    let stored: Settings = { ...defaultSettings };
    await renderApp({ 'settings:set': (patch: Partial<Settings>) => (stored = { ...stored, ...patch }) });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Cài đặt' }));
    const field = screen.getByLabelText('Máy chủ KMS của cơ quan (mỗi dòng một máy)');
    expect(field).toHaveAccessibleDescription(/Kích hoạt KMS với máy chủ khác/);
    await user.type(field, 'kms.sotttt.gov.vn:1688{Enter}10.1.2.3');
    await user.click(screen.getByRole('button', { name: 'Lưu cài đặt' }));
    expect(await screen.findByText('Đã lưu cài đặt.')).toBeVisible();
    expect(stored.agencyKmsHosts).toEqual(['kms.sotttt.gov.vn:1688', '10.1.2.3']);

    await user.type(field, '{Enter}kms/../evil');
    await user.click(screen.getByRole('button', { name: 'Lưu cài đặt' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('agencyKmsHosts');
    expect(stored.agencyKmsHosts).toEqual(['kms.sotttt.gov.vn:1688', '10.1.2.3']);
  });
});
