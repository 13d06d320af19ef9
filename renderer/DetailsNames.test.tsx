// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { conn, renderApp, reportOf } from '../test/support/renderer/render-app';

afterEach(cleanup);

// Only the flagged connection matched an indicator; the others are clean but their peers have
// names in the DNS cache, which IT staff need to recognise a connection they did not expect.
const report = reportOf(
  [
    conn({ pid: 300, processName: 'zoom.exe', remoteAddress: '192.0.2.30', names: ['zoom.us.example'] }),
    conn({
      pid: 301,
      processName: 'teams.exe',
      remoteAddress: '192.0.2.31',
      names: ['www.portal.example', 'cdn.edge.example'],
    }),
    conn({ pid: 302, processName: 'sync.exe', remoteAddress: '192.0.2.32' }),
  ],
  [
    conn({
      pid: 4242,
      processName: 'KMSELDI.exe',
      remoteAddress: '203.0.113.9',
      names: ['kms.evil.example'],
    }),
  ],
);

async function openDetails() {
  await renderApp({ 'scan:last': () => report });
  const user = userEvent.setup();
  await user.click(screen.getByRole('button', { name: 'Chi tiết (cán bộ CNTT)' }));
  return user;
}

const bodyRows = () => screen.getAllByRole('row').slice(1);
const domainColumn = () =>
  screen.getAllByRole('columnheader').findIndex((h) => h.textContent?.startsWith('Tên miền'));
const domainCell = (pid: number) => {
  const row = bodyRows().find((r) => within(r).getAllByRole('cell')[1].textContent === String(pid));
  return within(row!).getAllByRole('cell')[domainColumn()];
};

describe('Details screen: the DNS names of every connection', () => {
  it('shows the names of clean and flagged connections in the domain column', async () => {
    await openDetails();
    expect(domainCell(301)).toHaveTextContent('www.portal.example, cdn.edge.example');
    expect(domainCell(300)).toHaveTextContent('zoom.us.example');
    expect(domainCell(4242)).toHaveTextContent('kms.evil.example');
    expect(domainCell(302)).toHaveTextContent(/^$/);
  });

  it('finds a connection by any name of its CNAME chain', async () => {
    const user = await openDetails();
    await user.type(screen.getByLabelText(/Tìm kiếm/), 'CDN.EDGE');
    expect(bodyRows()).toHaveLength(1);
    expect(bodyRows()[0]).toHaveTextContent('teams.exe');
  });

  it('sorts by the names, flagged rows staying on top', async () => {
    const user = await openDetails();
    await user.click(screen.getByRole('button', { name: 'Sắp xếp theo Tên miền' }));
    expect(bodyRows().map((r) => within(r).getAllByRole('cell')[1].textContent)).toEqual([
      '4242',
      '302',
      '301',
      '300',
    ]);
  });
});
