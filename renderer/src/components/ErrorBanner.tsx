import type { AppErrorShape } from '../../../shared/result';

interface Props {
  error: AppErrorShape;
  onDismiss?: () => void;
}

/** The contract's message is written to be shown: show it as is, with the code for bug reports. */
export function ErrorBanner({ error, onDismiss }: Props) {
  return (
    <div className="banner banner-error" role="alert">
      <span className="banner-icon" aria-hidden="true">!</span>
      <p className="banner-message">{error.message}</p>
      <code className="banner-code" title="Error code">{error.code}</code>
      {onDismiss ? (
        <button type="button" className="icon-button" aria-label="Dismiss error" onClick={onDismiss}>
          ×
        </button>
      ) : null}
    </div>
  );
}
