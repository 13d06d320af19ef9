// @vitest-environment jsdom
// The IT details table (issue 15): LISTEN/TIME_WAIT toggles and columns kept between runs, the
// empty-search message, copying several selected rows, file facts asked for the rows in view only.
import '@testing-library/jest-dom/vitest';
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PREFS_KEY } from './components/table-columns';
import { conn, kmsActivator, renderApp, reportOf, rpcListen } from '../test/support/renderer/render-app';

beforeEach(() => localStorage.clear());
afterEach(cleanup);

const bad = kmsActivator({ localPort: 50122 });
const listen = rpcListen();
const ended = conn({ pid: 0, processName: null, processPath: null, state: 'TIME_WAIT', localPort: 50990 });
const zoom = conn({ pid: 300, processName: 'zoom.exe', localPort: 50200, remoteAddress: '170.114.52.2' });
const report = reportOf([listen, ended, zoom], [bad]);

async function openDetails(overrides = {}) {
  const r = await renderApp({ 'scan:last': () => report, ...overrides });
  const user = userEvent.setup();
  await user.click(screen.getByRole('button', { name: 'Chi tiết (cán bộ CNTT)' }));
  return { ...r, user };
}
const bodyRows = () => screen.getAllByRole('row').slice(1);
const pids = () => bodyRows().map((r) => within(r).getAllByRole('cell')[1]?.textContent);
const headers = () => screen.getAllByRole('columnheader').map((h) => h.textContent);

describe('Details table: columns and toggles', () => {
  it('has the TCPView columns, and a LISTEN row shows its local port', async () => {
    await openDetails();
    expect(headers()).toEqual(
      [
        'Cảnh báo',
        'PID',
        'Chương trình',
        'Giao thức',
        'Địa chỉ máy',
        'Địa chỉ đích',
        'Trạng thái',
        'Tên miền',
        'Chỉ báo (IOC)',
        'Nguồn',
        'Đường dẫn',
        'Người ký / Nhà sản xuất / Mô tả',
        'Dịch vụ',
        'Thao tác',
      ].map((h): unknown => expect.stringContaining(h)),
    );
    const row = bodyRows().find((r) => r.textContent?.includes('svchost.exe'))!;
    expect(row).toHaveTextContent('0.0.0.0:135');
    expect(row).toHaveTextContent('TCP');
    expect(row).toHaveTextContent('RpcSs');
  });

  it('hides listening and ended sockets with the toggles, and keeps the choice for the next start', async () => {
    const { user, unmount } = await openDetails();
    expect(pids()).toEqual(['4242', '840', '0', '300']);
    await user.click(screen.getByLabelText('Cổng đang chờ kết nối (LISTEN)'));
    await user.click(screen.getByLabelText('Kết nối vừa đóng (TIME_WAIT)'));
    expect(pids()).toEqual(['4242', '300']);
    unmount();
    expect(JSON.parse(localStorage.getItem(PREFS_KEY)!)).toMatchObject({
      showListen: false,
      showEnded: false,
    });
    await openDetails();
    expect(pids()).toEqual(['4242', '300']);
    expect(screen.getByLabelText('Cổng đang chờ kết nối (LISTEN)')).not.toBeChecked();
  });

  it('hides and shows columns from the column menu, kept for the next start', async () => {
    const { user, unmount } = await openDetails();
    await user.click(screen.getByText('Chọn cột', { selector: 'summary' }));
    await user.click(screen.getByRole('checkbox', { name: 'Đường dẫn' }));
    await user.click(screen.getByRole('checkbox', { name: 'Dịch vụ' }));
    expect(headers().join('|')).not.toMatch(/Đường dẫn|Dịch vụ/);
    unmount();
    await openDetails();
    expect(headers().join('|')).not.toMatch(/Đường dẫn|Dịch vụ/);
    expect(headers()).toContainEqual(expect.stringContaining('Thao tác'));
  });

  it('says "không có kết nối nào khớp" when a search finds nothing', async () => {
    const { user } = await openDetails();
    await user.type(screen.getByLabelText(/Tìm kiếm/), 'khong-co-may-nay');
    expect(screen.getByText(/^Không có kết nối nào khớp\./)).toBeVisible();
    expect(screen.getByText('Đang hiển thị 0 / 4 kết nối, 1 kết nối độc hại')).toBeVisible();
  });
});

describe('Details table: copying several rows', () => {
  it('copies the selected rows as tab-separated text with the header line', async () => {
    const texts: string[] = [];
    const { user } = await openDetails({
      'app:copy-text': ({ text }: { text: string }) => (texts.push(text), { copied: true }),
    });
    const copySelected = screen.getByRole('button', { name: /Sao chép các dòng đã chọn/ });
    expect(copySelected).toBeDisabled();
    await user.click(screen.getByRole('checkbox', { name: 'Chọn dòng PID 4242, tới 203.0.113.9:8080' }));
    await user.click(screen.getByRole('checkbox', { name: 'Chọn dòng PID 300, tới 170.114.52.2:443' }));
    await user.click(screen.getByRole('button', { name: 'Sao chép các dòng đã chọn (2)' }));
    const lines = texts[0].split('\n');
    expect(lines[0].split('\t')).toEqual([
      'Có trong danh sách độc hại',
      'PID',
      'Chương trình',
      'Đường dẫn',
      'Dịch vụ',
      'Giao thức',
      'Trạng thái',
      'Địa chỉ cục bộ',
      'Địa chỉ từ xa',
      'Tên miền độc hại',
      'Tên miền (DNS)',
      'Chỉ báo (IOC)',
      'Nguồn',
      'Giả danh tệp hệ thống',
      'Tiến trình cha',
      'Dòng lệnh',
    ]);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^có\t4242\tKMSELDI\.exe\t/);
    expect(lines[2]).toMatch(/^không\t300\tzoom\.exe\t.*\t10\.0\.0\.5:50200\t170\.114\.52\.2:443\t/);
    expect(
      await screen.findByText('Đã sao chép 2 dòng, kèm dòng tiêu đề (dán được vào bảng tính).'),
    ).toBeVisible();
  });

  it('"select all" takes the rows shown (after a search), not the hidden ones', async () => {
    const texts: string[] = [];
    const { user } = await openDetails({
      'app:copy-text': ({ text }: { text: string }) => (texts.push(text), { copied: true }),
    });
    await user.type(screen.getByLabelText(/Tìm kiếm/), '.exe');
    await user.click(screen.getByRole('checkbox', { name: 'Chọn mọi dòng đang hiển thị' }));
    await user.click(screen.getByRole('button', { name: 'Sao chép các dòng đã chọn (3)' }));
    expect(texts[0].split('\n').map((l) => l.split('\t')[1])).toEqual(['PID', '4242', '840', '300']);
  });
});

describe('Details table: file facts for the rows in view only', () => {
  const many = Array.from({ length: 3000 }, (_, i) =>
    conn({ pid: 1000 + i, localPort: 20000 + i, processPath: `C:\\Program Files\\App${i}\\app${i}.exe` }),
  );

  it('asks for the paths of the rows in view, never one twice, and more on scrolling', async () => {
    const asked: string[][] = [];
    await renderApp({
      'scan:last': () => reportOf(many),
      'scan:file-info': ({ paths }: { paths: string[] }) => {
        asked.push(paths);
        return {
          files: Object.fromEntries(
            paths.map((p) => [p, { company: 'Co', description: null, signer: null, signature: 'NotSigned' }]),
          ),
        };
      },
    });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Chi tiết (cán bộ CNTT)' }));
    await screen.findAllByText('Không có chữ ký số');
    const first = asked.flat();
    expect(first.length).toBeGreaterThan(10);
    expect(first.length).toBeLessThan(60); // a window of rows, not 3,000
    expect(first[0]).toBe('C:\\Program Files\\App0\\app0.exe');

    const region = screen.getByRole('region', { name: 'Các kết nối mạng của máy tính' });
    await act(async () => {
      region.scrollTop = 36 * 1500;
      fireEvent.scroll(region);
      await Promise.resolve();
    });
    await screen.findByText('C:\\Program Files\\App1500\\app1500.exe');
    const all = asked.flat();
    expect(all).toContain('C:\\Program Files\\App1500\\app1500.exe');
    expect(all.length).toBeLessThan(150);
    expect(new Set(all).size).toBe(all.length);
  });

  it('asks nothing while the file column is hidden', async () => {
    localStorage.setItem(PREFS_KEY, JSON.stringify({ hidden: ['signer'] }));
    const asked: string[][] = [];
    await renderApp({
      'scan:last': () => reportOf(many.slice(0, 5)),
      'scan:file-info': ({ paths }: { paths: string[] }) => (asked.push(paths), { files: {} }),
    });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Chi tiết (cán bộ CNTT)' }));
    expect(screen.getByText('C:\\Program Files\\App4\\app4.exe')).toBeVisible();
    expect(asked).toEqual([]);
  });
});
