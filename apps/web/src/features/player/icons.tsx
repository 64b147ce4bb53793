/** The player's glyphs: stroke-free SVGs that take the text colour; always decorative (buttons carry the labels). */
const ICONS = {
  play: 'M8 5.5v13a1 1 0 0 0 1.5.86l10.5-6.5a1 1 0 0 0 0-1.72L9.5 4.64A1 1 0 0 0 8 5.5Z',
  pause: 'M7 5h3.5v14H7zM13.5 5H17v14h-3.5z',
  previous: 'M6 5h2.5v14H6zM19 5.6v12.8a.8.8 0 0 1-1.25.66L9.5 13a1.2 1.2 0 0 1 0-2l8.25-6.06A.8.8 0 0 1 19 5.6Z',
  next: 'M15.5 5H18v14h-2.5zM5 5.6v12.8a.8.8 0 0 0 1.25.66L14.5 13a1.2 1.2 0 0 0 0-2L6.25 4.94A.8.8 0 0 0 5 5.6Z',
  volume:
    'M4 9.5h3.5L12 5.5v13l-4.5-4H4zM15 8.5a5 5 0 0 1 0 7l-1.2-1.2a3.3 3.3 0 0 0 0-4.6zM17.6 6a8.6 8.6 0 0 1 0 12l-1.2-1.2a6.9 6.9 0 0 0 0-9.6z',
  muted:
    'M4 9.5h3.5L12 5.5v13l-4.5-4H4zM14.5 9.6l1.1-1.1 2.4 2.4 2.4-2.4 1.1 1.1-2.4 2.4 2.4 2.4-1.1 1.1-2.4-2.4-2.4 2.4-1.1-1.1 2.4-2.4z',
  queue: 'M4 6h12v2H4zM4 11h12v2H4zM4 16h8v2H4zM17 14.5v5.5l4.5-2.75z',
  close: 'M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12 19 17.6 17.6 19 12 13.4 6.4 19 5 17.6 10.6 12 5 6.4z',
  normalize: 'M5 10h2v4H5zM9 7h2v10H9zM13 9h2v6h-2zM17 11h2v2h-2zM3 19h18v1.5H3zM3 3.5h18V5H3z',
} as const;

export type IconName = keyof typeof ICONS;

export function Icon({ name, size = 20 }: { name: IconName; size?: number }) {
  return (
    <svg className="icon" viewBox="0 0 24 24" width={size} height={size} aria-hidden="true" focusable="false">
      <path d={ICONS[name]} fill="currentColor" />
    </svg>
  );
}
