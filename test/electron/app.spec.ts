// The real Electron window on Windows CI: hardening as configured, one frozen window.api, no Node in
// the page, renderer network blocked, and the self-check working end to end in main.
import { _electron as electron, expect, test } from '@playwright/test';
import { expectContractApi } from '../e2e/app/window-api';

test('the app opens hardened, Vietnamese first, and checks this computer', async () => {
  const app = await electron.launch({ args: ['.'], cwd: process.cwd() });
  try {
    const win = await app.firstWindow();
    await expect(win.getByRole('heading', { level: 1 })).toBeVisible();
    expect(win.url()).toBe('app://sachmadoc/index.html');
    await expect(win.locator('html')).toHaveAttribute('lang', 'vi');

    // One window (single instance), on our own origin.
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);

    // Frozen, no Node in the page, exactly the contract's groups and channels (the same assertions
    // run in the Linux harness: test/e2e/app/window-api.spec.ts).
    await expectContractApi(win);

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
