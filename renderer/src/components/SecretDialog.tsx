import { useState } from 'react';
import { copyKey } from '../lib/actions';
import { useActivity } from '../store/activity-store';
import { useSecret } from '../store/secret-store';
import { useVault } from '../store/vault-store';
import { ClipboardStatus } from './ClipboardStatus';
import { Dialog } from './Dialog';
import { RotationSteps } from './RotationSteps';

/**
 * A new key's secret, shown once. Copy happens in the main process (from the keychain), so the
 * button works even after the text is gone. Closing without "I have saved it" asks again; either
 * way the secret is dropped from the store, and with the dialog unmounted nothing refers to it.
 */
export function SecretDialog() {
  const current = useSecret((s) => s.current);
  const drop = useSecret((s) => s.drop);
  const key = useVault((s) => (current ? s.keys.find((k) => k.id === current.keyId) : undefined));
  const [confirmingClose, setConfirmingClose] = useState(false);
  const steps = useActivity((s) => s.rotation);
  const fromKeyId = current?.fromKeyId;
  if (!current) return null;

  const close = () => {
    setConfirmingClose(false);
    drop();
  };

  return (
    <Dialog
      title={current.origin === 'created' ? `Save “${current.keyName}” now` : `New secret for “${current.keyName}”`}
      role="alertdialog"
      description="This is the only time Keydeck shows this secret. It is already in your OS keychain; copy it to where it is needed."
      onClose={() => setConfirmingClose(true)}
    >
      <div className="form">
        <code className="secret secret-shown one-time-secret" data-testid="one-time-secret">
          {current.secret}
        </code>
        {fromKeyId ? <RotationSteps events={steps.filter((e) => e.keyId === fromKeyId)} /> : null}
        {current.note ? <p className="field-note">{current.note}</p> : null}
        <div className="secret-copy-row">
          <button type="button" className="button" onClick={() => key && void copyKey(key)} disabled={!key} data-autofocus>
            Copy
          </button>
          <ClipboardStatus keyId={current.keyId} />
        </div>
        {confirmingClose ? (
          <div className="banner banner-warn" role="alert">
            <p className="banner-message">You have not confirmed that you saved it. Close anyway? Keydeck keeps the secret in your keychain, but will not show it again here.</p>
            <div className="banner-actions">
              <button type="button" className="button button-small" onClick={() => setConfirmingClose(false)}>
                Keep open
              </button>
              <button type="button" className="button button-small button-danger" onClick={close}>
                Close anyway
              </button>
            </div>
          </div>
        ) : null}
        <div className="form-actions">
          <button type="button" className="button button-primary" onClick={close}>
            I have saved it
          </button>
        </div>
      </div>
    </Dialog>
  );
}
