import { useEffect, useRef, type RefObject } from 'react';
import { useAnchored } from '../lib/use-anchored';

export interface MenuItem {
  label: string;
  /** Why the item cannot be used now: shown on hover, and the item is aria-disabled. */
  disabledReason?: string | null;
  danger?: boolean;
  onSelect(): void;
}

interface Props {
  label: string;
  items: MenuItem[];
  anchor: RefObject<HTMLButtonElement | null>;
  onClose(): void;
}

/** A row's folded actions: a menu in the top layer (never clipped by the table), arrow keys to move, Esc to close. */
export function RowMenu({ label, items, anchor, onClose }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useAnchored(ref, anchor);

  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onPointer = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!ref.current?.contains(target) && !anchor.current?.contains(target)) onClose();
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [anchor, onClose]);

  const close = () => {
    onClose();
    anchor.current?.focus();
  };

  return (
    <div
      ref={ref}
      popover="manual"
      className="menu"
      role="menu"
      aria-label={label}
      onKeyDown={(e) => {
        const all = [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
        const at = all.indexOf(document.activeElement as HTMLElement);
        if (e.key === 'Escape' || e.key === 'Tab') {
          e.preventDefault();
          e.stopPropagation();
          close();
        } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
          e.preventDefault();
          all[(at + (e.key === 'ArrowDown' ? 1 : all.length - 1)) % all.length]?.focus();
        } else if (e.key === 'Home' || e.key === 'End') {
          e.preventDefault();
          all[e.key === 'Home' ? 0 : all.length - 1]?.focus();
        }
      }}
    >
      {items.map((item) => (
        <button
          key={item.label}
          type="button"
          role="menuitem"
          className={`menu-item${item.danger ? ' menu-item-danger' : ''}`}
          aria-disabled={item.disabledReason ? true : undefined}
          title={item.disabledReason ?? undefined}
          onClick={() => {
            if (item.disabledReason) return;
            // Focus back on the row's button first: a dialog opened next returns focus there.
            anchor.current?.focus();
            onClose();
            item.onSelect();
          }}
        >
          {item.label}
        </button>
      ))}
    </div>
  );
}
