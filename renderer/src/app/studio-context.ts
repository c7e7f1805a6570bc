import { createContext, useContext } from 'react';
import type { StudioApi } from '../../../shared/api/studio-api';

export const StudioContext = createContext<StudioApi | null>(null);

export function useStudio(): StudioApi {
  const api = useContext(StudioContext);
  if (!api) throw new Error('useStudio outside <StudioContext.Provider>');
  return api;
}
