import { useState } from 'react';

interface ArtworkProps {
  src: string | null | undefined;
  /** Decorative by default: the title is always written next to it. */
  alt?: string;
  size: number;
  className?: string;
}

/** A track's cover, or a placeholder note when there is none (or it fails to load). */
export function Artwork({ src, alt = '', size, className = '' }: ArtworkProps) {
  const [broken, setBroken] = useState<string | null>(null);
  const style = { width: size, height: size };
  if (src && broken !== src) {
    return (
      <img
        className={`artwork ${className}`}
        src={src}
        alt={alt}
        width={size}
        height={size}
        style={style}
        loading="lazy"
        onError={() => setBroken(src)}
      />
    );
  }
  return (
    <span className={`artwork artwork-placeholder ${className}`} style={style} aria-hidden="true">
      <svg viewBox="0 0 24 24" width={Math.round(size * 0.42)} height={Math.round(size * 0.42)}>
        <path d="M9 18V6l11-2v12" />
        <circle cx="6" cy="18" r="3" />
        <circle cx="17" cy="16" r="3" />
      </svg>
    </span>
  );
}
