import type { SearchQuery } from './search.types';

/** The search feature's query keys, under one root (see tracks.keys.ts). */
export const searchKeys = {
  all: ['search'] as const,
  suggest: (q: string) => [...searchKeys.all, 'suggest', q] as const,
  results: (query: SearchQuery) => [...searchKeys.all, 'results', query] as const,
};
