// The dashboard's static shell (HTML, script, style). It holds no data: every number comes from
// /api/admin/* with the token the user types in, so the shell itself is public.
import { buildSync } from 'esbuild';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { fillPageText, pageLanguage } from './page-text';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'dashboard');

// Nothing external, no inline script or style: the page may load only its own two files and
// call the same origin's API.
export const DASHBOARD_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

// The script is TypeScript (type-checked and linted with the rest); esbuild turns it into one small
// file when the server starts, which takes milliseconds and needs no build step to deploy.
function bundleScript(): Buffer {
  const out = buildSync({
    entryPoints: [join(dir, 'app.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2020',
    minify: true,
    charset: 'utf8',
  });
  return Buffer.from(out.outputFiles[0].contents);
}

/** Registers GET /dashboard/ (Vietnamese; `?lang=en` English) and its assets, and / as a redirect to it. */
export function registerDashboard(app: FastifyInstance): void {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const pages = { vi: fillPageText(html, 'vi'), en: fillPageText(html, 'en') };
  const script = bundleScript();
  const style = readFileSync(join(dir, 'style.css'));
  const files: Record<string, [(query: unknown) => string | Buffer, string]> = {
    '/dashboard/': [(query) => pages[pageLanguage(query)], 'text/html; charset=utf-8'],
    '/dashboard/app.js': [() => script, 'text/javascript; charset=utf-8'],
    '/dashboard/style.css': [() => style, 'text/css; charset=utf-8'],
  };
  for (const [url, [body, type]] of Object.entries(files)) {
    app.get(url, async (req, reply) =>
      reply
        .type(type)
        .header('content-security-policy', DASHBOARD_CSP)
        .header('cache-control', 'no-cache')
        .send(body(req.query)),
    );
  }
  app.get('/', async (_req, reply) => reply.redirect('/dashboard/'));
  app.get('/dashboard', async (_req, reply) => reply.redirect('/dashboard/'));
}
