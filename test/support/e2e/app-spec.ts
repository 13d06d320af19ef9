// What the app's e2e specs share: one harness per spec (or describe block), the navigation, the
// accessibility and width checks, the check itself, and the real scan report with additions a
// Linux machine cannot produce (realdata 13's Adobe hosts block, as a cracked Windows machine has).
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { Finding, ScanReport } from '../../../shared/domain';
import { activationBlockFindings } from '../../../shared/licensing/hosts-activation';
import { loadBundledSignatures } from '../../../shared/licensing/signatures';
import { parseHostsFile } from '../../../shared/parsers/hosts-file';
import { startHarness, type Harness, type HarnessOptions } from '../../e2e/app/harness';

/**
 * For a spec file or a describe block: its tests run in order against one harness, started before
 * them (with up to 3 minutes for it) and stopped after; `options` may be a function, called then. The object returned is filled in when they
 * start, so read its fields inside tests and hooks only.
 */
export function harnessForSpec(options: HarnessOptions | (() => HarnessOptions) = {}): Harness {
  const h = {} as Harness;
  let started: Harness | undefined;
  test.describe.configure({ mode: 'serial' });
  test.beforeAll(async () => {
    test.setTimeout(180_000);
    started = await startHarness(typeof options === 'function' ? options() : options);
    Object.assign(h, started);
  });
  test.afterAll(async () => {
    await started?.stop();
  });
  return h;
}

/** The window sizes the app must fit: a common office laptop, and the smallest it supports. */
export const WINDOW_SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 600 },
];

/** A button of the app's navigation; a string names it exactly. */
export const nav = (page: Page, name: string | RegExp) =>
  page.getByRole('navigation').getByRole('button', { name, exact: typeof name === 'string' });

/**
 * Axe finds no violation on the page (`serious`: none serious or critical), listed by rule and
 * element when it does.
 */
export async function axeClean(page: Page, what: string, least: 'any' | 'serious' = 'any'): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations
    .filter((v) => least === 'any' || v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) => `${v.id} (${v.impact ?? '?'}): ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
    );
  expect(bad, what).toEqual([]);
}

/** Nothing on the page is wider than the window (no clipped button, no sideways scroll). */
export async function noOverflow(page: Page, what: string): Promise<void> {
  const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(wide, `${what}: page wider than the window by ${wide}px`).toBeLessThanOrEqual(0);
}

/** Opens the app at `url`, goes to the self-check and starts a check (the caller waits for what it expects). */
export async function startCheck(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await nav(page, 'Tự kiểm tra').click();
  await page.getByRole('button', { name: 'Kiểm tra ngay', exact: true }).click();
}

/** The page's scans answer with the real scan's report, changed by `edit` (which adds what this machine lacks). */
export async function editScanReport(page: Page, edit: (report: ScanReport) => void): Promise<void> {
  await page.route(
    (url) => url.pathname === '/ipc/scan%3Arun',
    async (route) => {
      const real = await route.fetch();
      const body = (await real.json()) as { ok: boolean; value: ScanReport };
      expect(body.ok).toBe(true);
      edit(body.value);
      await route.fulfill({ response: real, json: body });
    },
  );
}

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');
const json = (path: string): unknown => JSON.parse(read(path));

/** Realdata 13's Adobe crack block, as it stands in a hosts file. */
export const ADOBE_HOSTS_TEXT = read('test/fixtures/licensing/hosts-adobe-crack.txt');

/** The one sign the licensing rules make of ADOBE_HOSTS_TEXT in Windows' hosts file. */
export function adobeHostsSign(): Finding {
  const { activationHosts } = loadBundledSignatures(
    json('assets/signatures/crack-tools.json'),
    json('assets/signatures/activation-hosts.json'),
  );
  const [sign] = activationBlockFindings(
    parseHostsFile(ADOBE_HOSTS_TEXT, 'C:\\Windows\\System32\\drivers\\etc\\hosts').records,
    activationHosts,
  );
  return sign;
}
