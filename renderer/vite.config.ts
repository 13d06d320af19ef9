// Builds the renderer to dist/renderer with relative URLs, so it loads from app://, file:// and the
// harness alike. No source maps in the shipped app; one JS and one CSS file.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { BUILD_NONCE } from '../shared/ipc/csp';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  // Replaced per response by the server (shared/ipc/csp.ts): scripts run only with that nonce.
  html: { cspNonce: BUILD_NONCE },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: false,
    modulePreload: { polyfill: false },
    target: 'chrome120',
  },
});
