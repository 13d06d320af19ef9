// The dashboard's script, bundled by esbuild when the server starts. Plain DOM: text goes in
// with textContent only (unit names come from an imported CSV), and the token lives in memory.
import { formatDate, formatDateTime, formatNumber } from '../../shared/format';
import { hasText, translate, type Language, type Params } from '../../shared/i18n';
import type { DashboardStats } from '../report/stats';

type UnitRow = DashboardStats['units'][number];
type SortKey = keyof Omit<UnitRow, 'results'>;

let token = '';
let campaignId = '';
let units: UnitRow[] = [];
// Units that sent nothing first (the default order of the stats), until a header is clicked.
let sort: { key: SortKey; dir: 1 | -1 } = { key: 'deployed', dir: 1 };
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const status = (text: string) => ($('status').textContent = text);
/** The page's language, as the server filled its words (`/dashboard/?lang=en`; Vietnamese by default). */
const lang: Language = document.documentElement.lang === 'en' ? 'en' : 'vi';
/** The dashboard's words, from the one catalogue. */
const t = (key: string, params?: Params) => translate(lang, key, params);
const formatNumberVi = (n: number) => formatNumber(Math.trunc(n), lang);
const formatDayVi = (day: string) => formatDate(day, lang);
// Instants in Vietnam's time, as the reports write them.
const formatInstantVi = (iso: string) => formatDateTime(iso, lang, { offsetMinutes: 420 });

/** What the server said when it refused: its catalogue message in the page's language, else its text. */
function said(body: { code?: unknown; params?: Params; message?: string }, fallback: string): string {
  if (typeof body.code === 'string' && hasText(body.code)) return t(body.code, body.params);
  return body.message ?? fallback;
}

async function api(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${token}`);
  return fetch(path, { ...init, headers });
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string | number): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = String(text);
  return e;
}

function chart(days: DashboardStats['byDay']): void {
  const box = $('chart');
  box.replaceChildren();
  if (days.length === 0) return void box.append(el('p', t('dashboard.noResults')));
  const ns = 'http://www.w3.org/2000/svg';
  const w = 40 * days.length + 40;
  const h = 180;
  const max = Math.max(...days.map((d) => d.results));
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', `0 0 ${w} ${h}`);
  svg.setAttribute('width', String(w));
  svg.setAttribute('height', String(h));
  days.forEach((d, i) => {
    const bh = Math.max(1, Math.round((d.results / max) * 120));
    const x = 20 + i * 40;
    const rect = document.createElementNS(ns, 'rect');
    rect.setAttribute('x', String(x));
    rect.setAttribute('y', String(140 - bh));
    rect.setAttribute('width', '28');
    rect.setAttribute('height', String(bh));
    const title = document.createElementNS(ns, 'title');
    title.textContent = t('dashboard.dayResults', { day: formatDayVi(d.day), count: d.results });
    rect.append(title);
    const value = document.createElementNS(ns, 'text');
    value.setAttribute('x', String(x));
    value.setAttribute('y', String(136 - bh));
    value.textContent = formatNumberVi(d.results);
    const label = document.createElementNS(ns, 'text');
    label.setAttribute('x', String(x));
    label.setAttribute('y', '156');
    label.textContent = formatDayVi(d.day).slice(0, 5);
    svg.append(rect, value, label);
  });
  box.append(svg);
}

function compare(a: UnitRow, b: UnitRow): number {
  const x = a[sort.key];
  const y = b[sort.key];
  const c =
    typeof x === 'number' && typeof y === 'number'
      ? x - y
      : typeof x === 'boolean'
        ? Number(x) - Number(y)
        : String(x ?? '').localeCompare(String(y ?? ''), 'vi');
  return c * sort.dir || a.code.localeCompare(b.code);
}

function renderUnits(): void {
  const body = $<HTMLTableElement>('units').tBodies[0];
  const num = (n: number) => Object.assign(el('td', formatNumberVi(n)), { className: 'num' });
  body.replaceChildren(
    ...[...units].sort(compare).map((u) => {
      const tr = el('tr');
      if (!u.deployed) tr.className = 'silent';
      tr.append(
        el('td', u.code),
        el('td', u.name),
        el('td', t(u.deployed ? 'dashboard.deployed' : 'dashboard.notDeployed')),
        num(u.machines),
        num(u.withFindings),
        num(u.cleaned),
        num(u.cracked),
        el('td', u.lastResultAt ? formatInstantVi(u.lastResultAt) : '—'),
      );
      return tr;
    }),
  );
  for (const th of $<HTMLTableElement>('units').tHead!.querySelectorAll<HTMLElement>('th[data-key]')) {
    if (th.dataset.key === sort.key)
      th.setAttribute('aria-sort', sort.dir === 1 ? 'ascending' : 'descending');
    else th.removeAttribute('aria-sort');
  }
}

function render(s: DashboardStats): void {
  const p = s.province;
  const c = s.campaign;
  campaignId = c.id;
  const picker = $<HTMLSelectElement>('campaign');
  picker.replaceChildren(
    ...s.campaigns.map((x) => Object.assign(el('option', `${x.nameVi} (${x.id})`), { value: x.id })),
  );
  picker.value = c.id;
  $('campaign-info').textContent = t('dashboard.campaignLine', {
    name: c.nameVi,
    start: formatDayVi(c.startsOn),
    end: formatDayVi(c.endsOn),
    deadline: formatDayVi(c.reportDeadline),
    at: formatInstantVi(s.generatedAt),
  });
  $('c-registered').textContent = formatNumberVi(p.registeredUnits);
  $('c-deployed').textContent = formatNumberVi(p.deployedUnits);
  $('c-machines').textContent = formatNumberVi(p.machines);
  $('c-findings').textContent = formatNumberVi(p.withFindings);
  $('c-cleaned').textContent = formatNumberVi(p.cleaned);
  $('c-cracked').textContent = formatNumberVi(p.cracked);
  chart(s.byDay);
  units = s.units;
  renderUnits();
  const jumps = s.jumps ?? [];
  $('jumps').replaceChildren(
    ...(jumps.length === 0
      ? [el('li', t('dashboard.none'))]
      : jumps.map((j) =>
          el(
            'li',
            t('dashboard.jump', {
              unit: j.unitCode,
              count: j.results,
              day: formatDayVi(j.day),
              typical: j.typical,
            }),
          ),
        )),
  );
  $('indicators').replaceChildren(
    ...s.topIndicators.map((i) =>
      el('li', t('dashboard.indicator', { id: i.indicatorId, count: i.results })),
    ),
  );
  const scope = $<HTMLSelectElement>('scope');
  const chosen = scope.value;
  scope.replaceChildren(
    el('option', t('dashboard.province')),
    ...[...s.units]
      .sort((a, b) => a.code.localeCompare(b.code))
      .map((u) => Object.assign(el('option', `${u.code} — ${u.name}`), { value: u.code })),
  );
  scope.options[0].value = '';
  scope.value = chosen;
}

async function load(): Promise<boolean> {
  const res = await api(
    `/api/admin/stats${campaignId ? `?campaignId=${encodeURIComponent(campaignId)}` : ''}`,
  );
  if (res.status === 401) {
    status(t('dashboard.wrongToken'));
    return false;
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { message?: string };
    status(said(body, t('dashboard.loadFailed', { status: String(res.status) })));
    return false;
  }
  render((await res.json()) as DashboardStats);
  return true;
}

async function download(format: string, province = false): Promise<void> {
  const unitCode = province ? '' : $<HTMLSelectElement>('scope').value;
  const value = (id: string) => $<HTMLInputElement>(id).value;
  const body = {
    campaignId,
    ...(unitCode ? { unitCode } : {}),
    unitName: value('unit-name'),
    parentName: value('parent-name'),
    place: value('place'),
    letterNumber: value('letter-number'),
    letterDate: value('letter-date'),
    letterIssuer: value('letter-issuer'),
    assessment: $<HTMLTextAreaElement>('assessment').value,
    recommendations: $<HTMLTextAreaElement>('recommendations').value,
  };
  status(t('dashboard.making', { format: format.toUpperCase() }));
  const res = await api(`/api/admin/reports/${format}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) {
    const answer = (await res.json().catch(() => ({}))) as { message?: string };
    return void status(said(answer, t('dashboard.reportFailed', { status: String(res.status) })));
  }
  const name =
    /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `phu-luc.${format}`;
  const url = URL.createObjectURL(await res.blob());
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  status(t('dashboard.downloaded', { name }));
}

$('login-form').addEventListener('submit', (e) => {
  e.preventDefault();
  token = $<HTMLInputElement>('token').value;
  void load().then((ok) => {
    if (!ok) return;
    $('login').hidden = true;
    $('dashboard').hidden = false;
    status(t('dashboard.signedIn'));
  });
});
$('units-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const file = $<HTMLInputElement>('units-file').files?.[0];
  if (!file) return;
  void (async () => {
    const res = await api('/api/admin/units/import', {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: await file.text(),
    });
    const body = (await res.json()) as Parameters<typeof importRefusal>[0] & {
      inserted?: number;
      updated?: number;
    };
    if (!res.ok) return void status(importRefusal(body, res.status));
    status(t('dashboard.imported', { inserted: body.inserted ?? 0, updated: body.updated ?? 0 }));
    await load();
  })();
});
/** An import refusal: the bad lines of the list (file:line: what) in the page's language, else what the server said. */
interface Refusal {
  code?: unknown;
  params?: Params;
  message?: string;
  issues?: { file: string; line: number; text?: { code: string; params?: Params } }[];
}
function importRefusal(body: Refusal, code: number): string {
  const lines = (body.issues ?? []).map((i) =>
    i.text ? `${i.file}:${i.line}: ${t(i.text.code, i.text.params)}` : '',
  );
  if (lines.length > 0 && lines.every(Boolean)) return [...lines, t('tally.units.fixAndRetry')].join('\n');
  return said(body, t('dashboard.importFailed', { status: String(code) }));
}

$('scope').addEventListener('change', () => {
  const sel = $<HTMLSelectElement>('scope');
  $<HTMLInputElement>('unit-name').value = sel.value
    ? (sel.selectedOptions[0]?.textContent?.split(' — ')[1] ?? '')
    : '';
});
for (const b of document.querySelectorAll<HTMLButtonElement>('[data-format]')) {
  b.addEventListener('click', () => void download(b.dataset.format ?? 'csv'));
}
$('campaign').addEventListener('change', () => {
  campaignId = $<HTMLSelectElement>('campaign').value;
  void load().then((ok) => ok && status(t('dashboard.switched')));
});
// The per-unit table's columns, in the order of renderUnits' cells: the field a header sorts by
// (a click sorts, a second click reverses) and the header's words.
const UNIT_COLUMNS: readonly (readonly [SortKey, string])[] = [
  ['code', 'tally.page.col.code'],
  ['name', 'tally.page.col.name'],
  ['deployed', 'tally.page.col.deployed'],
  ['machines', 'tally.page.col.machines'],
  ['withFindings', 'tally.page.col.findings'],
  ['cleaned', 'tally.page.col.cleaned'],
  ['cracked', 'tally.page.col.cracked'],
  ['lastResultAt', 'tally.page.col.last'],
];
$<HTMLTableElement>('units').tHead!.rows[0].replaceChildren(
  ...UNIT_COLUMNS.map(([key, words]) => {
    const th = Object.assign(el('th'), { scope: 'col' });
    th.dataset.key = key;
    if (key === sort.key) th.setAttribute('aria-sort', 'ascending');
    const button = Object.assign(el('button', t(words)), { type: 'button' });
    button.addEventListener('click', () => {
      sort = { key, dir: sort.key === key ? (sort.dir === 1 ? -1 : 1) : 1 };
      renderUnits();
    });
    th.append(button);
    return th;
  }),
);
// The per-unit table leaves as the province report's CSV: one CSV writer, same columns and order.
$('export-units').addEventListener('click', () => void download('csv', true));
