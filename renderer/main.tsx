// Renderer entry: take window.api from the preload (Electron) or build it over the harness bridge,
// create the store, load what main knows, render.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { buildApi } from '../shared/ipc/api';
import { App } from './App';
import { AppContext } from './app-context';
import { createHarnessTransport } from './harness-transport';
import { createI18n } from './i18n';
import { createAppStore } from './store';
import './styles.css';

const api = window.api ?? buildApi(createHarnessTransport());
// In the harness the page gets window.api as the preload gives it (read-only, frozen), so the same
// e2e assertions about it run here and in Electron (test/e2e/app/window-api.ts).
if (!window.api) Object.defineProperty(window, 'api', { value: api, enumerable: true });
const store = createAppStore(api);
const i18n = createI18n('vi');
void store.getState().load();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <AppContext value={{ store, api }}>
        <App />
      </AppContext>
    </I18nextProvider>
  </StrictMode>,
);
