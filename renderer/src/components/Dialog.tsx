import { useEffect, useId, useRef, type ReactNode } from 'react';

interface Props {
  title: string;
  description?: ReactNode;
  onClose(): void;
  children: ReactNode;
  /** 'alert' for confirmations, so screen readers announce them as such. */
  role?: 'dialog' | 'alertdialog';
  size?: 'small' | 'medium' | 'large';
}

/**
 * A modal on the native <dialog>: the browser makes the rest of the page inert and keeps
 * focus inside. We add what it lacks: Esc goes through onClose (so state stays the source of
 * truth), the first field gets focus, and focus returns to whatever opened the dialog.
 */
export function Dialog({ title, description, onClose, children, role = 'dialog', size = 'medium' }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    // A marked control wins wherever it is (the selected grace option, not the first radio); else the first one.
    const first = dialog.querySelector<HTMLElement>('[data-autofocus]') ?? dialog.querySelector<HTMLElement>('input, select, textarea, button:not(.dialog-close)');
    first?.focus();
    return () => {
      dialog.close();
      // The opener may be gone (the row of a deleted key): fall back to the page's main control.
      if (opener?.isConnected) opener.focus();
      else document.querySelector<HTMLElement>('[data-focus-fallback]')?.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={`dialog dialog-${size}`}
      role={role}
      aria-labelledby={titleId}
      aria-describedby={description ? descId : undefined}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <header className="dialog-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="icon-button dialog-close" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </header>
      {description ? (
        <p id={descId} className="dialog-description">
          {description}
        </p>
      ) : null}
      {children}
    </dialog>
  );
}
