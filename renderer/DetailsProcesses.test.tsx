// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Connection } from '../shared/domain';
import { conn, renderApp, reportOf } from '../test/support/renderer/render-app';

afterEach(cleanup);

const pending = (pid: number, processName: string, remoteAddress: string): Connection =>
  conn({ pid, processName, processPath: null, pathStatus: 'pending', remoteAddress });

// The scan result as main first sends it on Windows: every row's path still to come.
const report = reportOf(
  [pending(832, 'svchost.exe', '192.0.2.40'), pending(1480, 'svchost.exe', '192.0.2.41')],
  [pending(6412, 'svchost.exe', '203.0.113.9')],
);
const disguised = 'C:\\Users\\nguyenvana\\AppData\\Roaming\\Microsoft\\svchost.exe';
const system = 'C:\\Windows\\system32\\svchost.exe';
const filled = report.connections.map((c) =>
  c.pid === 6412
    ? {
        ...c,
        processPath: disguised,
        parentPid: 4120,
        parentName: 'explorer.exe',
        disguise: true,
        pathStatus: undefined,
      }
    : c.pid === 832
      ? { ...c, processPath: system, parentPid: 676, parentName: 'services.exe', pathStatus: undefined }
      : { ...c, pathStatus: 'needs-elevation' as const },
);

const bodyRows = () => screen.getAllByRole('row').slice(1);
const column = (label: string) =>
  screen.getAllByRole('columnheader').findIndex((h) => h.textContent?.startsWith(label));
const cell = (pid: number, label: string) => {
  const row = bodyRows().find((r) => within(r).getAllByRole('cell')[1].textContent === String(pid));
  return within(row!).getAllByRole('cell')[column(label)];
};

async function openDetails() {
  let answer: (v: unknown) => void = () => undefined;
  const asked: string[][] = [];
  const app = await renderApp({
    'scan:last': () => report,
    'scan:file-info': ({ paths }) => {
      asked.push(paths);
      return new Promise((r) => (answer = r)) as never;
    },
  });
  await userEvent.setup().click(screen.getByRole('button', { name: 'Chi tiết (cán bộ CNTT)' }));
  return { ...app, asked, answer: (v: unknown) => answer(v) };
}

describe('Details screen: process paths after the verdict', () => {
  it('shows "reading…" until main pushes the paths, then the path, the disguise badge and why a path is missing', async () => {
    const { mock } = await openDetails();
    expect(cell(6412, 'Đường dẫn')).toHaveTextContent('Đang đọc…');
    expect(cell(6412, 'Đường dẫn')).toHaveAttribute('aria-busy', 'true');

    act(() => mock.emit('scan:processes', { scannedAt: report.scannedAt, connections: filled }));
    expect(cell(6412, 'Đường dẫn')).toHaveTextContent(`⚠ Giả dạng tệp hệ thống ${disguised}`);
    expect(cell(6412, 'Đường dẫn')).toHaveAttribute(
      'title',
      expect.stringContaining('Tiến trình cha: explorer.exe (4120)'),
    );
    expect(cell(832, 'Đường dẫn')).toHaveTextContent(system);
    expect(cell(832, 'Đường dẫn')).not.toHaveTextContent('Giả dạng');
    expect(cell(1480, 'Đường dẫn')).toHaveTextContent('Cần quyền quản trị để xem đường dẫn');
  });

  it('asks for the signer of the paths on screen, pending until main answers', async () => {
    const { mock, asked, answer } = await openDetails();
    act(() => mock.emit('scan:processes', { scannedAt: report.scannedAt, connections: filled }));
    await screen.findAllByText('Đang đọc…');
    expect(asked).toEqual([[disguised, system]]);
    expect(cell(832, 'Người ký')).toHaveTextContent('Đang đọc…');
    await act(async () => {
      answer({
        files: {
          [system]: {
            company: 'Microsoft Corporation',
            description: 'Host Process for Windows Services',
            signer: 'Microsoft Windows Publisher',
            signature: 'Valid',
          },
          [disguised]: { company: null, description: null, signer: null, signature: 'NotSigned' },
        },
      });
      await Promise.resolve();
    });
    expect(cell(832, 'Người ký')).toHaveTextContent('Microsoft Windows Publisher · Microsoft Corporation');
    expect(cell(6412, 'Người ký')).toHaveTextContent('Không có chữ ký số');
  });

  it('ignores paths pushed for an older scan', async () => {
    const { mock } = await openDetails();
    act(() => mock.emit('scan:processes', { scannedAt: '2026-11-01T00:00:00.000Z', connections: filled }));
    expect(cell(6412, 'Đường dẫn')).toHaveTextContent('Đang đọc…');
  });
});
