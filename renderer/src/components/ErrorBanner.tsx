import type { AppErrorShape } from '../../../shared/result';

interface Props {
  error: AppErrorShape;
  onDismiss?: () => void;
}

/**
 * The contract's message is written to be shown: shown as is. The code is for bug reports, not
 * for reading: it sits in the tooltip and a data attribute, never as the banner's text.
 */
export function ErrorBanner({ error, onDismiss }: Props) {
  const message = error.message.trim() || 'Something went wrong and the core gave no reason. Try again; if it keeps happening, the local log has the details.';
  return (
    <div className="banner banner-error" role="alert" data-code={error.code} title={`Error code: ${error.code}`}>
      <span className="banner-icon" aria-hidden="true">!</span>
      <p className="banner-message">{message}</p>
      {onDismiss ? (
        <button type="button" className="icon-button" aria-label="Dismiss error" onClick={onDismiss}>
          ×
        </button>
      ) : null}
    </div>
  );
}
