import type { ReactNode } from 'react';

/** What an empty tab says: what would be here, and how to get some. */
export function LibraryEmpty({ glyph, title, children }: { glyph: string; title: string; children: ReactNode }) {
  return (
    <div className="library-empty">
      <p className="empty-glyph library-empty-glyph" aria-hidden="true">
        {glyph}
      </p>
      <h2>{title}</h2>
      <div className="library-empty-text">{children}</div>
    </div>
  );
}
