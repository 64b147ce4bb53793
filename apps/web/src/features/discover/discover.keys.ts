/** The discover feature's query keys, under one root (see tracks.keys.ts). */
export const discoverKeys = {
  all: ['discover'] as const,
  sections: () => [...discoverKeys.all, 'sections'] as const,
  genre: (genre: string) => [...discoverKeys.all, 'genre', genre.toLowerCase()] as const,
};
