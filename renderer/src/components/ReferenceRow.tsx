import { useEffect, useState } from 'react';
import type { KeyReference, KeySummary } from '../../../shared/domain';
import { client } from '../lib/client';
import { useVault } from '../store/vault-store';

/**
 * The key's `keydeck://` reference, which scripts use instead of the secret (`keydeck run`,
 * `read`, `inject`) and which follows the key through rotations. Copying it copies no secret.
 */
export function ReferenceRow({ apiKey }: { apiKey: KeySummary }) {
  const [ref, setRef] = useState<KeyReference | null>(null);
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    let live = true;
    setCopied(false);
    void client.invoke('keys.reference', { id: apiKey.id }).then((r) => live && setRef(r.ok ? r.value : null));
    return () => {
      live = false;
    };
  }, [apiKey]);

  const copy = async () => {
    const r = await client.invoke('keys.copyReference', { id: apiKey.id });
    if (r.ok) setCopied(true);
    else useVault.getState().showError(r.error);
  };

  return (
    <section className="detail-section" aria-labelledby="reference-title">
      <h3 id="reference-title">Reference</h3>
      {ref === null ? (
        <p className="muted">Loading…</p>
      ) : (
        <>
          <p className="reference-row">
            <code className="path" data-testid="key-reference">{ref.reference}</code>{' '}
            <button type="button" className="button button-small" onClick={() => void copy()}>
              {copied ? 'Copied' : 'Copy reference'}
            </button>
          </p>
          <p className="muted" role="status">
            {ref.problem ?? <>Use it instead of the secret: <code>keydeck run -e VAR={ref.reference} -- CMD</code>. It follows the key through rotations.</>}
          </p>
        </>
      )}
    </section>
  );
}
