// The real Electron window on Windows CI: hardening as configured, one frozen window.api, no Node in
// the page, renderer network blocked, and the self-check working end to end in main.
import { _electron as electron, expect, test } from '@playwright/test';

test('the app opens hardened, Vietnamese first, and checks this computer', async () => {
  const app = await electron.launch({ args: ['.'], cwd: process.cwd() });
  try {
    const win = await app.firstWindow();
    await expect(win.getByRole('heading', { level: 1 })).toBeVisible();
    expect(win.url()).toBe('app://sachmadoc/index.html');
    await expect(win.locator('html')).toHaveAttribute('lang', 'vi');

    // One window (single instance), on our own origin.
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);

    const page = await win.evaluate(() => ({
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
      frozen: Object.isFrozen(window.api),
      domains: Object.keys(window.api ?? {}).sort(),
    }));
    expect(page).toEqual({
      require: 'undefined',
      process: 'undefined',
      frozen: true,
      domains: ['app', 'export', 'feed', 'scan', 'settings', 'tally'],
    });

    // Renderer network is cancelled by the session (and refused by the CSP).
    const fetched = await win.evaluate(() =>
      fetch('https://example.com/').then(
        () => 'loaded',
        () => 'blocked',
      ),
    );
    expect(fetched).toBe('blocked');
    // window.open is denied.
    expect(await win.evaluate(() => window.open('https://example.com/') === null)).toBe(true);

    await win.getByRole('navigation').getByRole('button', { name: 'Tự kiểm tra' }).click();
    await win.getByRole('button', { name: 'Kiểm tra ngay', exact: true }).click();
    await expect(win.getByText(/Máy tính sạch|Cần xử lý/)).toBeVisible({ timeout: 90_000 });
    await win.screenshot({ path: 'test-results/electron/check-vi.png' });
  } finally {
    await app.close();
  }
});
