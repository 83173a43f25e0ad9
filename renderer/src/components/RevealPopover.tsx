import { useEffect, useId, useRef, useState, type RefObject } from 'react';
import { useAnchored } from '../lib/use-anchored';
import { useReveal } from '../store/reveal-store';

interface Props {
  keyName: string;
  /** The row's actions button: the popover sits next to it and focus goes back there when it closes. */
  anchor: RefObject<HTMLButtonElement | null>;
}

/**
 * Shows a revealed secret, masked until the user asks to see it. Closing (Hide, Esc or a
 * click elsewhere) drops the secret from the store; it is never kept for later.
 */
export function RevealPopover({ keyName, anchor }: Props) {
  const secret = useReveal((s) => s.secret);
  const pending = useReveal((s) => s.pending);
  const hide = useReveal((s) => s.hide);
  const [shown, setShown] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useAnchored(ref, anchor);

  const close = () => {
    hide();
    anchor.current?.focus();
  };

  useEffect(() => {
    if (secret !== null) ref.current?.querySelector<HTMLElement>('button')?.focus();
  }, [secret]);

  useEffect(() => {
    const onPointer = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!ref.current?.contains(target) && !anchor.current?.contains(target)) hide();
    };
    // Switching away from the app also drops the secret: nobody comes back to a shoulder-surfable value.
    const onHidden = () => {
      if (document.visibilityState === 'hidden') hide();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('visibilitychange', onHidden);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('visibilitychange', onHidden);
    };
  }, [hide, anchor]);

  return (
    <div
      ref={ref}
      popover="manual"
      className="popover reveal-popover"
      role="dialog"
      aria-labelledby={titleId}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          close();
        }
      }}
    >
      <p id={titleId} className="popover-title">Secret of “{keyName}”</p>
      {pending || secret === null ? (
        <p className="muted" role="status">Reading from the keychain…</p>
      ) : (
        <>
          <code className={`secret${shown ? ' secret-shown' : ''}`} data-testid="revealed-secret">
            {shown ? secret : '•'.repeat(Math.min(secret.length, 32))}
          </code>
          <div className="popover-actions">
            <button type="button" className="button button-small" aria-pressed={shown} onClick={() => setShown((v) => !v)}>
              {shown ? 'Mask' : 'Show'}
            </button>
            <button type="button" className="button button-small button-primary" onClick={close}>
              Hide
            </button>
          </div>
          <p className="popover-note">This reveal is recorded in the audit log.</p>
        </>
      )}
    </div>
  );
}
