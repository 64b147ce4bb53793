const PATHS = {
  heart:
    'M12 20.3 10.6 19C5.6 14.5 2.3 11.5 2.3 7.9 2.3 5 4.6 2.7 7.5 2.7c1.6 0 3.2.8 4.5 2 1.3-1.2 2.9-2 4.5-2 2.9 0 5.2 2.3 5.2 5.2 0 3.6-3.3 6.6-8.3 11.1z',
  repost: 'M7 7h10v3l4-4-4-4v3H5v6h2zm10 10H7v-3l-4 4 4 4v-3h12v-6h-2z',
} as const;

/**
 * Outline when off, filled when on: the state shows in the shape, not only in
 * the colour. Decorative; the button carries the label and aria-pressed.
 */
export function SocialIcon({ name, on, size = 18 }: { name: keyof typeof PATHS; on: boolean; size?: number }) {
  const filled = on && name === 'heart';
  return (
    <svg className="social-icon" viewBox="0 0 24 24" width={size} height={size} aria-hidden="true" focusable="false">
      <path
        d={PATHS[name]}
        fill={filled || name === 'repost' ? 'currentColor' : 'none'}
        stroke={name === 'heart' ? 'currentColor' : 'none'}
        strokeWidth={2}
        strokeLinejoin="round"
      />
    </svg>
  );
}
