// The dashboard's script, bundled by esbuild when the server starts. Plain DOM: text goes in
// with textContent only (unit names come from an imported CSV), and the token lives in memory.
import type { DashboardStats } from '../report/stats';

let token = '';
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const status = (text: string) => ($('status').textContent = text);

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
  if (days.length === 0) return void box.append(el('p', 'Chưa có kết quả nào.'));
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
    title.textContent = `${d.day}: ${d.results} kết quả`;
    rect.append(title);
    const value = document.createElementNS(ns, 'text');
    value.setAttribute('x', String(x));
    value.setAttribute('y', String(136 - bh));
    value.textContent = String(d.results);
    const label = document.createElementNS(ns, 'text');
    label.setAttribute('x', String(x));
    label.setAttribute('y', '156');
    label.textContent = d.day.slice(5);
    svg.append(rect, value, label);
  });
  box.append(svg);
}

function render(s: DashboardStats): void {
  const p = s.province;
  $('c-registered').textContent = String(p.registeredUnits);
  $('c-deployed').textContent = String(p.deployedUnits);
  $('c-machines').textContent = String(p.machines);
  $('c-findings').textContent = String(p.withFindings);
  $('c-cleaned').textContent = String(p.cleaned);
  $('c-cracked').textContent = String(p.cracked);
  chart(s.byDay);
  const body = $<HTMLTableElement>('units').tBodies[0];
  body.replaceChildren(
    ...s.units.map((u) => {
      const tr = el('tr');
      tr.append(
        el('td', u.code),
        el('td', u.name),
        el('td', u.results),
        el('td', u.machines),
        el('td', u.withFindings),
        el('td', u.cleaned),
        el('td', u.cracked),
      );
      return tr;
    }),
  );
  const jumps = s.jumps ?? [];
  $('jumps').replaceChildren(
    ...(jumps.length === 0
      ? [el('li', 'Không có. / None.')]
      : jumps.map((j) =>
          el(
            'li',
            `${j.unitCode}: ${j.results} kết quả ngày ${j.day} (thường ${j.typical}/ngày) / ${j.results} results on ${j.day} (usually ${j.typical} a day)`,
          ),
        )),
  );
  $('indicators').replaceChildren(
    ...s.topIndicators.map((i) => el('li', `${i.indicatorId} — ${i.results} kết quả`)),
  );
  const scope = $<HTMLSelectElement>('scope');
  scope.replaceChildren(
    el('option', 'Toàn tỉnh'),
    ...s.units.map((u) => Object.assign(el('option', `${u.code} — ${u.name}`), { value: u.code })),
  );
  scope.options[0].value = '';
}

async function load(): Promise<boolean> {
  const res = await api('/api/admin/stats');
  if (res.status === 401) {
    status('Mã quản trị không đúng. Hãy nhập lại. / Wrong admin token.');
    return false;
  }
  if (!res.ok) {
    status(`Không tải được số liệu (HTTP ${res.status}). Hãy thử lại.`);
    return false;
  }
  render((await res.json()) as DashboardStats);
  return true;
}

async function download(format: string): Promise<void> {
  const unitCode = $<HTMLSelectElement>('scope').value;
  const body = {
    ...(unitCode ? { unitCode } : {}),
    unitName: $<HTMLInputElement>('unit-name').value,
    assessment: $<HTMLTextAreaElement>('assessment').value,
    recommendations: $<HTMLTextAreaElement>('recommendations').value,
  };
  status(`Đang tạo tệp ${format.toUpperCase()}…`);
  const res = await api(`/api/admin/reports/${format}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) return void status(`Không tạo được báo cáo (HTTP ${res.status}).`);
  const name =
    /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `phu-luc.${format}`;
  const url = URL.createObjectURL(await res.blob());
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  status(`Đã tải ${name}.`);
}

$('login-form').addEventListener('submit', (e) => {
  e.preventDefault();
  token = $<HTMLInputElement>('token').value;
  void load().then((ok) => {
    if (!ok) return;
    $('login').hidden = true;
    $('dashboard').hidden = false;
    status('Đã đăng nhập.');
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
    const body = (await res.json()) as { inserted?: number; updated?: number; message?: string };
    if (!res.ok) return void status(body.message ?? `Không nhập được (HTTP ${res.status}).`);
    status(`Đã nhập đơn vị: mới ${body.inserted ?? 0}, cập nhật ${body.updated ?? 0}.`);
    await load();
  })();
});
$('scope').addEventListener('change', () => {
  const sel = $<HTMLSelectElement>('scope');
  $<HTMLInputElement>('unit-name').value = sel.value
    ? (sel.selectedOptions[0]?.textContent?.split(' — ')[1] ?? '')
    : '';
});
for (const b of document.querySelectorAll<HTMLButtonElement>('[data-format]')) {
  b.addEventListener('click', () => void download(b.dataset.format ?? 'csv'));
}
