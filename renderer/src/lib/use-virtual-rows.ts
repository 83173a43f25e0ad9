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
 */
export function useVirtualRows(container: RefObject<HTMLElement | null>, count: number, rowHeight: number, overscan = 8): VirtualRows & { scrollToIndex(i: number): void } {
  const [view, setView] = useState({ top: 0, height: 800 });
  const frame = useRef(0);

  useLayoutEffect(() => {
    const el = container.current;
    if (!el) return;
    const read = () => setView((v) => (v.top === el.scrollTop && v.height === el.clientHeight ? v : { top: el.scrollTop, height: el.clientHeight }));
    read();
    const onScroll = () => {
      cancelAnimationFrame(frame.current);
      frame.current = requestAnimationFrame(read);
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    const resize = new ResizeObserver(read);
    resize.observe(el);
    return () => {
      el.removeEventListener('scroll', onScroll);
      resize.disconnect();
      cancelAnimationFrame(frame.current);
    };
  }, [container]);

  // A shorter list (a search) may leave the scroll position past its end.
  useEffect(() => {
    const el = container.current;
    if (el && el.scrollTop > count * rowHeight) el.scrollTop = 0;
  }, [container, count, rowHeight]);

  const start = Math.max(0, Math.floor(view.top / rowHeight) - overscan);
  const end = Math.min(count, Math.ceil((view.top + view.height) / rowHeight) + overscan);

  const scrollToIndex = useCallback(
    (i: number) => {
      const el = container.current;
      if (!el) return;
      // The sticky header covers the first row's worth of the viewport.
      const top = i * rowHeight;
      const bottom = top + rowHeight * 2;
      if (top < el.scrollTop) el.scrollTop = top;
      else if (bottom > el.scrollTop + el.clientHeight) el.scrollTop = bottom - el.clientHeight;
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
