import { createContext, useContext } from 'react';
import type { Api } from '../../../shared/client';

export const ApiContext = createContext<Api | null>(null);

/** The typed client for contract calls; every screen talks to the backend through it. */
export function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi needs an <ApiContext.Provider> above it.');
  return api;
}
