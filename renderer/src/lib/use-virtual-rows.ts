import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';

export interface VirtualRows {
  start: number;
  end: number;
  /** Heights of the space above and below the rendered rows. */
  before: number;
  after: number;
}

/**
 * Which rows of a fixed-height list are on screen, plus a few either side. Only those are
 * rendered; spacers keep the scrollbar honest. Row height is fixed by CSS (one line per cell).
 * Layout is read only when it changes (a scroll, a resize) and kept: a keystroke that changes
 * the rows never makes the browser lay out the page early to answer `scrollTop`.
 */
export function useVirtualRows(container: RefObject<HTMLElement | null>, count: number, rowHeight: number, overscan = 8): VirtualRows & { scrollToIndex(i: number): void } {
  const [view, setView] = useState({ top: 0, height: 800 });
  // The same figures for callbacks, current between renders.
  const seen = useRef(view);
  const frame = useRef(0);

  useLayoutEffect(() => {
    const el = container.current;
    if (!el) return;
    const store = (top: number, height: number) => {
      if (seen.current.top === top && seen.current.height === height) return;
      seen.current = { top, height };
      setView(seen.current);
    };
    store(el.scrollTop, el.clientHeight); // once, on mount
    const onScroll = () => {
      cancelAnimationFrame(frame.current);
      frame.current = requestAnimationFrame(() => store(el.scrollTop, seen.current.height));
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    // Called after layout, so reading the height here costs nothing extra.
    const resize = new ResizeObserver(() => store(el.scrollTop, el.clientHeight));
    resize.observe(el);
    return () => {
      el.removeEventListener('scroll', onScroll);
      resize.disconnect();
      cancelAnimationFrame(frame.current);
    };
  }, [container]);

  // A shorter list (a search) may leave the scroll position past its end: judged from the kept
  // position, so only a list that really moves writes (the scroll event then updates the figures).
  useEffect(() => {
    const el = container.current;
    if (el && seen.current.top > 0 && seen.current.top > count * rowHeight) el.scrollTop = 0;
  }, [container, count, rowHeight]);

  const start = Math.max(0, Math.floor(view.top / rowHeight) - overscan);
  const end = Math.min(count, Math.ceil((view.top + view.height) / rowHeight) + overscan);

  const scrollToIndex = useCallback(
    (i: number) => {
      const el = container.current;
      if (!el) return;
      const { top: scrollTop, height } = seen.current;
      // The sticky header covers the first row's worth of the viewport.
      const top = i * rowHeight;
      const bottom = top + rowHeight * 2;
      if (top < scrollTop) el.scrollTop = top;
      else if (bottom > scrollTop + height) el.scrollTop = bottom - height;
    },
    [container, rowHeight],
  );

  return { start, end, before: start * rowHeight, after: Math.max(0, (count - end) * rowHeight), scrollToIndex };
}

/** Sets a pixel height through the CSSOM (allowed by `style-src 'self'`, unlike a style attribute in markup). */
export function useCssHeight(ref: RefObject<HTMLElement | null>, px: number): void {
  useLayoutEffect(() => {
    if (ref.current) ref.current.style.height = `${px}px`;
  }, [ref, px]);
}
