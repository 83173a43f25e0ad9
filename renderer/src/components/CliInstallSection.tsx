import { useState } from 'react';
import '../styles/env-import.css';
import type { CliLink } from '../../../shared/contract/env-import';
import type { AppErrorShape } from '../../../shared/result';
import { client } from '../lib/client';

/** "Install command line tool": asks first, then links `keydeck` into ~/.local/bin (or /usr/local/bin), as editors do. */
export function CliInstallSection() {
  const [step, setStep] = useState<'idle' | 'asking' | 'busy'>('idle');
  const [done, setDone] = useState<CliLink | null>(null);
  const [failure, setFailure] = useState<AppErrorShape | null>(null);

  async function install() {
    setStep('busy');
    const r = await client.invoke('cli.installLink', {});
    setStep('idle');
    if (r.ok) {
      setDone(r.value);
      setFailure(null);
    } else setFailure(r.error);
  }

  return (
    <section className="form settings-section" aria-labelledby="settings-cli">
      <h2 id="settings-cli">Command line</h2>
      <p className="field-note">
        Use <code>keydeck run</code>, <code>keydeck read</code> and <code>keydeck import-env</code> in a terminal. Keydeck adds a link named <code>keydeck</code> in <code>~/.local/bin</code> (or <code>/usr/local/bin</code>).
      </p>
      {step === 'asking' ? (
        <div className="confirm-row" role="group" aria-label="Confirm installing the command line tool">
          <span>Create the link <code>keydeck</code> on your PATH?</span>
          <button type="button" className="button button-primary button-small" onClick={() => void install()}>Install</button>
          <button type="button" className="button button-small" onClick={() => setStep('idle')}>Cancel</button>
        </div>
      ) : (
        <div>
          <button type="button" className="button" disabled={step === 'busy'} onClick={() => setStep('asking')}>
            {step === 'busy' ? 'Installing…' : 'Install command line tool…'}
          </button>
        </div>
      )}
      {done ? (
        <p className="field-note" role="status">
          Installed: <code>{done.linkPath}</code> → <code>{done.target}</code>.
          {done.onPath ? ' Open a new terminal and run keydeck --help.' : ` Its folder is not on your PATH: add it in your shell profile (export PATH="${done.linkPath.replace(/\/keydeck$/, '')}:$PATH").`}
        </p>
      ) : null}
      {failure ? <p className="field-error" role="alert">{failure.message}</p> : null}
    </section>
  );
}
