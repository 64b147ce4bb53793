import { useEffect, useState, type RefObject } from 'react';

export interface ScrollEdges {
  /** Content hidden before the visible part (scrolled). */
  before: boolean;
  /** Content hidden after it. */
  after: boolean;
}

/** Under a pixel is rounding, not hidden content. */
const SLACK_PX = 1;

/** Where a sideways-scrolling element hides content (CSS fades that edge). */
export function scrollEdgesOf(el: Pick<HTMLElement, 'scrollLeft' | 'clientWidth' | 'scrollWidth'>): ScrollEdges {
  return {
    before: el.scrollLeft > SLACK_PX,
    after: el.scrollLeft + el.clientWidth < el.scrollWidth - SLACK_PX,
  };
}

/**
 * Which edges of a horizontally scrolling element hide content, kept up to
 * date as it scrolls or resizes: a row clipped at a clean edge reads as
 * all there is, so the caller fades the edges that hide more.
 */
export function useScrollEdges(ref: RefObject<HTMLElement | null>): ScrollEdges {
  const [edges, setEdges] = useState<ScrollEdges>({ before: false, after: false });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () =>
      setEdges((old) => {
        const now = scrollEdgesOf(el);
        return now.before === old.before && now.after === old.after ? old : now;
      });
    update();
    el.addEventListener('scroll', update, { passive: true });
    const resized = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(update);
    resized?.observe(el);
    return () => {
      el.removeEventListener('scroll', update);
      resized?.disconnect();
    };
  }, [ref]);
  return edges;
}
