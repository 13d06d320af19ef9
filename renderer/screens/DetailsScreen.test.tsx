// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { conn, kmsActivator, renderApp, reportOf } from '../../test/support/renderer/render-app';

afterEach(cleanup);

const bad = kmsActivator();
const report = reportOf(
  [
    conn({ pid: 300, processName: 'zoom.exe', state: 'ESTABLISHED' }),
    conn({ pid: 20, processName: 'svchost.exe', state: 'LISTEN', remoteAddress: '0.0.0.0', remotePort: 0 }),
  ],
  [bad],
);

async function openDetails(overrides = {}) {
  const r = await renderApp({ 'scan:last': () => report, ...overrides });
  const user = userEvent.setup();
  await user.click(screen.getByRole('button', { name: 'Chi tiết (cán bộ CNTT)' }));
  return { ...r, user };
}

const bodyRows = () => screen.getAllByRole('row').slice(1);

describe('Details screen', () => {
  it('lists every connection, flagged first and marked in words', async () => {
    await openDetails();
    const rows = bodyRows();
    expect(rows).toHaveLength(3);
    expect(within(rows[0]).getByText(/Độc hại/)).toBeVisible();
    expect(rows[0]).toHaveTextContent('4242');
    expect(rows[0]).toHaveTextContent('203.0.113.9:8080');
    expect(rows[0]).toHaveTextContent('KMSELDI');
    expect(within(rows[1]).queryByText(/Độc hại/)).toBeNull();
  });

  it('sorts by a column (flagged stay on top), filters and searches', async () => {
    const { user } = await openDetails();
    await user.click(screen.getByRole('button', { name: 'Sắp xếp theo PID' }));
    expect(bodyRows().map((r) => within(r).getAllByRole('cell')[1].textContent)).toEqual([
      '4242',
      '20',
      '300',
    ]);
    expect(screen.getByRole('columnheader', { name: /PID/ })).toHaveAttribute('aria-sort', 'ascending');
    await user.click(screen.getByRole('button', { name: 'Sắp xếp theo PID' }));
    expect(bodyRows().map((r) => within(r).getAllByRole('cell')[1].textContent)).toEqual([
      '4242',
      '300',
      '20',
    ]);

    await user.selectOptions(screen.getByLabelText('Hiển thị'), 'flagged');
    expect(bodyRows()).toHaveLength(1);
    await user.selectOptions(screen.getByLabelText('Hiển thị'), 'all');
    await user.type(screen.getByLabelText(/Tìm kiếm/), 'ZOOM');
    expect(bodyRows()).toHaveLength(1);
    expect(bodyRows()[0]).toHaveTextContent('zoom.exe');
    expect(screen.getByText('Đang hiển thị 1 / 3 kết nối, 1 kết nối độc hại')).toBeVisible();
  });

  it('copies a row through main', async () => {
    const texts: string[] = [];
    const { user } = await openDetails({
      'app:copy-text': ({ text }: { text: string }) => (texts.push(text), { copied: true }),
    });
    await user.click(screen.getByRole('button', { name: 'Sao chép dòng PID 4242' }));
    expect(texts[0]).toMatch(/^Có trong danh sách độc hại\tPID\tChương trình\t/);
    expect(texts[0]).toContain('có\t4242\tKMSELDI.exe');
    expect(await screen.findByText('Đã sao chép dòng.')).toBeVisible();
  });

  it('copies through the page clipboard when main has none (the harness)', async () => {
    const { user } = await openDetails({ 'app:copy-text': () => ({ copied: false }) });
    await user.click(screen.getByRole('button', { name: 'Sao chép dòng PID 300' }));
    expect(await screen.findByText('Đã sao chép dòng.')).toBeVisible();
    expect(await navigator.clipboard.readText()).toContain('không\t300\tzoom.exe');
  });

  it('exports through main: a saved path is shown, and a harness download is handed to the browser', async () => {
    const created: Blob[] = [];
    URL.createObjectURL = vi.fn((b: Blob) => (created.push(b), 'blob:x'));
    URL.revokeObjectURL = vi.fn();
    let format = '';
    const { user } = await openDetails({
      'export:connections': ({ format: f }: { format: string }) => {
        format = f;
        return f === 'csv'
          ? { kind: 'saved', path: 'C:\\Users\\it\\ket-noi.csv' }
          : { kind: 'download', fileName: 'x.json', mimeType: 'application/json', content: '{"a":1}' };
      },
    });
    await user.click(screen.getByRole('button', { name: 'Xuất CSV' }));
    expect(format).toBe('csv');
    expect(await screen.findByText('Đã lưu tệp: C:\\Users\\it\\ket-noi.csv')).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Xuất JSON' }));
    expect(await screen.findByText('Đã tải tệp x.json.')).toBeVisible();
    expect(await created[0].text()).toBe('{"a":1}');
  });

  it('renders 5,000 connections as a window of rows, telling assistive tech the real count', async () => {
    const many = Array.from({ length: 5000 }, (_, i) => conn({ pid: i + 1, localPort: 1000 + i }));
    await renderApp({ 'scan:last': () => reportOf(many) });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Chi tiết (cán bộ CNTT)' }));
    expect(screen.getByRole('table')).toHaveAttribute('aria-rowcount', '5001');
    const rendered = bodyRows().length;
    expect(rendered).toBeGreaterThan(10);
    expect(rendered).toBeLessThan(100);
  });
});
