interface AvatarProps {
  name: string;
  src?: string | null;
  size?: number;
  /** Decorative avatars sit next to the name already; keep them silent. */
  decorative?: boolean;
}

export function initialsOf(name: string): string {
  const words = name
    .trim()
    .split(/[\s_.-]+/)
    .filter(Boolean);
  const letters = words.length > 1 ? [words[0]![0], words[1]![0]] : [...(words[0] ?? '?').slice(0, 2)];
  return letters.join('').toUpperCase();
}

// Same name, same colour: a stable hue picked from the name.
function hueOf(name: string): number {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return Math.abs(hash) % 360;
}

export function Avatar({ name, src, size = 40, decorative = false }: AvatarProps) {
  const style = { width: size, height: size, fontSize: Math.round(size * 0.38) };
  const label = decorative ? undefined : `${name}'s avatar`;
  if (src) {
    return <img className="avatar" src={src} alt={label ?? ''} width={size} height={size} style={style} />;
  }
  return (
    <span
      className="avatar avatar-initials"
      role={decorative ? undefined : 'img'}
      aria-label={label}
      aria-hidden={decorative || undefined}
      style={{ ...style, background: `hsl(${hueOf(name)} 45% 28%)` }}
    >
      {initialsOf(name)}
    </span>
  );
}
