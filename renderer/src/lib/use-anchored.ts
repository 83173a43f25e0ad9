import { useLayoutEffect, type RefObject } from 'react';

/**
 * Puts a `popover` element in the top layer, next to its anchor: nothing the table clips or
 * scrolls (its overflow, its container-query containment) can cut it. Positions through the
 * CSSOM (the CSP refuses style attributes), below the anchor or above it when there is no room,
 * right edges aligned, always inside the viewport; follows the anchor while the page scrolls.
 */
export function useAnchored(floating: RefObject<HTMLElement | null>, anchor: RefObject<HTMLElement | null>): void {
  useLayoutEffect(() => {
    const el = floating.current;
    if (!el) return;
    if (!el.matches(':popover-open')) el.showPopover();
    const place = () => {
      const a = anchor.current?.getBoundingClientRect();
      if (!a) return;
      const gap = 6;
      const w = el.offsetWidth;
      const h = el.offsetHeight;
      const below = a.bottom + gap + h <= window.innerHeight - 8;
      const top = below ? a.bottom + gap : Math.max(8, a.top - gap - h);
      const left = Math.min(Math.max(8, a.right - w), window.innerWidth - w - 8);
      el.style.top = `${Math.round(top)}px`;
      el.style.left = `${Math.round(left)}px`;
    };
    place();
    const resize = new ResizeObserver(place);
    resize.observe(el);
    window.addEventListener('scroll', place, true);
    window.addEventListener('resize', place);
    return () => {
      resize.disconnect();
      window.removeEventListener('scroll', place, true);
      window.removeEventListener('resize', place);
      if (el.isConnected && el.matches(':popover-open')) el.hidePopover();
    };
  }, [floating, anchor]);
}
