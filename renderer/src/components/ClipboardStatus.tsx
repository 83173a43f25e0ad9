import { useEffect, useState } from 'react';
import { client } from '../lib/client';
import { useActivity } from '../store/activity-store';
import { useVault } from '../store/vault-store';

/**
 * "Copied ci-deploy · clears in 27 s": the main process owns the timer, this only counts down to it.
 * `keyId`: only about this key (the new-secret dialog never shows another key's copy).
 */
export function ClipboardStatus({ keyId }: { keyId?: string } = {}) {
  const all = useActivity((s) => s.clipboard);
  const clip = keyId === undefined || all?.keyId === keyId ? all : null;
  const name = useVault((s) => (clip ? s.keys.find((k) => k.id === clip.keyId)?.name : undefined));
  const [, tick] = useState(0);
  useEffect(() => {
    if (!clip) return;
    const id = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(id);
  }, [clip]);
  if (!clip) return null;
  const left = Math.max(0, Math.ceil((Date.parse(clip.clearsAt) - Date.now()) / 1000));
  return (
    <span className="clipboard-status" data-testid="clipboard-countdown">
      <span className="clipboard-icon" aria-hidden="true" />
      Copied {name ? `“${name}”` : 'the secret'} · clipboard clears in <span className="countdown">{left} s</span>
      <button type="button" className="button button-small button-quiet" onClick={() => void client.invoke('clipboard.clear', {})}>
        Clear now
      </button>
    </span>
  );
}
