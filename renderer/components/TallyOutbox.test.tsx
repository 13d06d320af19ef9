// @vitest-environment jsdom
// Issue 15: the tally's refusals are worded in the person's language from their catalogue key; the
// tally's bilingual text ("… / …") is only under "Chi tiết kỹ thuật", also for records saved before
// refusals had a code.
import '@testing-library/jest-dom/vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { bilingual } from '../../shared/i18n';
import type { TallyQueueStatus } from '../../shared/ipc/schemas';
import { createMockApi } from '../../test/support/mock-api';
import { AppContext } from '../app-context';
import { createI18n } from '../i18n';
import { createAppStore } from '../store';
import { TallyOutbox } from './TallyOutbox';

afterEach(cleanup);

const futureDay = { code: 'msg.tally.refusal.future-day', params: { day: '2099-01-01' } };
const unknownUnit = { code: 'msg.tally.refusal.unknown-unit', params: { unit: 'SO-XYZ' } };

/** The queue as the services report it: two refusals of a current tally, one saved by an older app. */
const queue: TallyQueueStatus = {
  pending: 0,
  problem: null,
  lastAttemptAt: '2026-11-23T08:00:00.000Z',
  nextAttemptAt: null,
  refused: [
    {
      submissionId: '11111111-2222-4333-8444-555555555555',
      status: 422,
      reason: bilingual(futureDay.code, futureDay.params),
      text: futureDay,
      refusedAt: '2026-11-23T08:00:00.000Z',
    },
    {
      submissionId: '22222222-2222-4333-8444-555555555555',
      status: 422,
      reason: bilingual(unknownUnit.code, unknownUnit.params),
      text: unknownUnit,
      refusedAt: '2026-11-23T08:01:00.000Z',
    },
    {
      submissionId: '33333333-2222-4333-8444-555555555555',
      status: 422,
      reason:
        'Đơn vị "SO-OLD" chưa được đăng ký trên máy chủ tổng hợp; hãy chọn đúng đơn vị hoặc liên hệ quản trị. / Unit "SO-OLD" is not registered on this tally; pick another unit or ask the administrator to import it.',
      refusedAt: '2026-11-22T08:00:00.000Z',
    },
  ],
};

function renderOutbox(language: 'vi' | 'en') {
  const mock = createMockApi();
  const i18n = createI18n(language);
  render(
    <I18nextProvider i18n={i18n}>
      <AppContext value={{ store: createAppStore(mock.api), api: mock.api }}>
        <TallyOutbox queue={queue} onChange={() => {}} onNote={() => {}} />
      </AppContext>
    </I18nextProvider>,
  );
  return screen.getByRole('region');
}

/** The text a person reads without opening the technical details. */
function visibleText(region: HTMLElement): string {
  const copy = region.cloneNode(true) as HTMLElement;
  for (const pre of copy.querySelectorAll('details pre')) pre.remove();
  return copy.textContent ?? '';
}

describe('refused results in the outbox', () => {
  it('shows the Vietnamese reasons only, dates as dd/mm/yyyy, the raw text folded away', () => {
    const region = renderOutbox('vi');
    const items = within(region).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent(
      'Ngày của kết quả (01/01/2099) ở tương lai theo đồng hồ máy chủ; hãy chỉnh ngày giờ của máy tính rồi kiểm tra lại.',
    );
    expect(items[1]).toHaveTextContent('Đơn vị "SO-XYZ" chưa được đăng ký trên máy chủ tổng hợp');
    // An older record has no code: a Vietnamese sentence, and the tally's text for IT.
    expect(items[2]).toHaveTextContent('Máy chủ tổng hợp đã từ chối kết quả này.');

    const shown = visibleText(region);
    expect(shown).not.toMatch(/ \/ /);
    expect(shown).not.toMatch(/\b(the|is|tally|unit|future|registered|refused|check)\b/i);
    expect(shown).not.toContain('msg.');
    expect(shown).not.toContain('2099-01-01');

    for (const [i, item] of items.entries()) {
      const details = item.querySelector('details')!;
      expect(details).not.toHaveAttribute('open');
      expect(within(details).getByText('Chi tiết kỹ thuật (cho cán bộ CNTT)')).toBeInTheDocument();
      expect(details.querySelector('pre')).toHaveTextContent(queue.refused[i].reason);
    }
  });

  it('shows the English reasons in English', () => {
    const region = renderOutbox('en');
    const items = within(region).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent("The result's day (1 Jan 2099) is in the future");
    expect(items[1]).toHaveTextContent('Unit "SO-XYZ" is not registered on this tally');
    expect(items[2]).toHaveTextContent('The tally refused this result.');
    expect(visibleText(region)).not.toMatch(/chưa được|Ngày của kết quả|Máy chủ/);
  });
});
