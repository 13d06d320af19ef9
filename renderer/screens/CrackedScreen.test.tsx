// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp, reportOf } from '../../test/support/renderer/render-app';

afterEach(cleanup);

describe('Cracked software screen', () => {
  it('explains the risks, and lists the licensing signs of the last check with evidence and advice', async () => {
    const report = reportOf([]);
    report.findings.push({
      indicator: 'KMSpico',
      kind: 'crack-tool',
      via: 'licensing',
      source: 'crack-tools',
      evidence: 'C:\\Program Files\\KMSpico\\KMSELDI.exe',
      explanation: {
        vi: 'Công cụ bẻ khóa KMSpico đang có trên máy.',
        en: 'The KMSpico crack tool is on this computer.',
      },
      advice: {
        vi: 'Gỡ KMSpico và kích hoạt lại bằng KMS của cơ quan.',
        en: "Remove KMSpico and activate with the agency's KMS.",
      },
    });
    await renderApp({ 'scan:last': () => report });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Phần mềm bẻ khóa' }));
    expect(
      screen.getByRole('heading', { level: 1, name: 'Phần mềm bẻ khóa, không bản quyền' }),
    ).toBeVisible();
    expect(screen.getByText(/KMSpico, KMSAuto, AutoKMS/)).toBeVisible();
    expect(screen.getByText(/Công cụ bẻ khóa KMSpico đang có trên máy/)).toBeVisible();
    expect(screen.getByText('C:\\Program Files\\KMSpico\\KMSELDI.exe')).toBeVisible();
    expect(screen.getByText('Gỡ KMSpico và kích hoạt lại bằng KMS của cơ quan.')).toBeVisible();
  });

  it('says when nothing has been checked yet', async () => {
    await renderApp();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Phần mềm bẻ khóa' }));
    expect(screen.getByText(/Chưa kiểm tra/)).toBeVisible();
  });
});
