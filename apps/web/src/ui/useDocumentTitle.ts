import { useEffect } from 'react';

export const SITE_NAME = 'Veza';

/**
 * The tab's title for the page on screen: "Title · Veza", or "Veza" alone.
 * Every routed page calls it, so titles follow navigation and history
 * entries, bookmarks and screen readers tell pages apart.
 */
export function useDocumentTitle(title: string | null | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · ${SITE_NAME}` : SITE_NAME;
  }, [title]);
}
