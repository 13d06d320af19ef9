// React access to the store and window.api, through a context so tests pass their own.
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { Api } from '../shared/ipc/api';
import type { AppState, AppStore } from './store';

export const AppContext = createContext<{ store: AppStore; api: Api } | null>(null);

function useAppContext() {
  const value = useContext(AppContext);
  if (!value) throw new Error('AppContext is missing: render inside <AppContext value={...}>');
  return value;
}

/** Selects from the app store (re-renders only when the selected value changes). */
export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(useAppContext().store, selector);
}

/** The window.api the app runs against. */
export function useApi(): Api {
  return useAppContext().api;
}
