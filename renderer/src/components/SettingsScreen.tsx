import { useEffect, useRef, useState, type FormEvent } from 'react';
import { inputs, type ChannelInput } from '../../../shared/contract';
import type { Settings } from '../../../shared/domain';
import type { AppErrorShape } from '../../../shared/result';
import { fieldErrorsFromResult, fieldErrorsOf, type FieldErrors } from '../lib/field-errors';
import { useVault } from '../store/vault-store';
import { ErrorBanner } from './ErrorBanner';
import { Field } from './Field';
import { CliInstallSection } from './CliInstallSection';

const THEMES: Array<{ v: Settings['theme']; label: string }> = [
  { v: 'system', label: 'System' },
  { v: 'light', label: 'Light' },
  { v: 'dark', label: 'Dark' },
];

/** Preferences, saved through settings.update and validated by the contract's schema first. */
export function SettingsScreen() {
  const settings = useVault((s) => s.settings);
  const update = useVault((s) => s.updateSettings);
  const [tiers, setTiers] = useState('');
  const [clearSeconds, setClearSeconds] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<AppErrorShape | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (!settings) return;
    setTiers(settings.warningDays.join(', '));
    setClearSeconds(String(settings.clipboardClearSeconds));
  }, [settings]);

  // Auto-save on the way out: numbers typed but not saved are saved when the screen is left,
  // and if they cannot be, the banner says so; nothing is dropped silently.
  const unsaved = useRef<ChannelInput<'settings.update'> | null>(null);
  const dirty = settings !== null && (tiers !== settings.warningDays.join(', ') || clearSeconds !== String(settings.clipboardClearSeconds));
  unsaved.current = dirty ? numbersPatch(tiers, clearSeconds) : null;
  useEffect(
    () => () => {
      const patch = unsaved.current;
      if (!patch) return;
      void useVault.getState().updateSettings(patch).then((r) => {
        if (!r.ok) useVault.getState().showError({ code: r.error.code, message: `Your change to the warning or clipboard settings was not saved: ${r.error.message}` });
      });
    },
    [],
  );

  if (!settings) return <main className="main"><p className="loading" role="status">Loading settings…</p></main>;

  async function save(patch: ChannelInput<'settings.update'>) {
    setSaved(false);
    const parsed = inputs.SettingsUpdateInput.safeParse(patch);
    if (!parsed.success) {
      setErrors(fieldErrorsOf(parsed.error));
      return;
    }
    const r = await update(patch);
    if (r.ok) {
      setErrors({});
      setFailure(null);
      setSaved(true);
    } else {
      setErrors(fieldErrorsFromResult(r.error));
      setFailure(r.error);
    }
  }

  function submitNumbers(e: FormEvent) {
    e.preventDefault();
    const days = tiers.split(/[\s,]+/).filter(Boolean).map(Number);
    if (days.some((d) => !Number.isInteger(d))) return setErrors({ warningDays: 'must be whole numbers of days, like 14, 3, 1' });
    void save(numbersPatch(tiers, clearSeconds));
  }

  return (
    <main className="main">
      <header className="main-header">
        <div className="main-title">
          <h1>Settings</h1>
        </div>
      </header>
      <div className="main-body settings-body">
        <div className="settings">
          {failure ? <ErrorBanner error={failure} /> : null}
          <form className="form settings-section" noValidate onSubmit={submitNumbers} aria-labelledby="settings-warnings">
            <h2 id="settings-warnings">Warnings and clipboard</h2>
            <Field label="Warning tiers (days before expiry)" error={errors.warningDays} hint="Keydeck notifies once per tier, e.g. 14, 3, 1. Up to 6 tiers; expired is always the last.">
              {(p) => <input {...p} type="text" inputMode="numeric" value={tiers} onChange={(e) => setTiers(e.target.value)} />}
            </Field>
            <Field label="Clear the clipboard after (seconds)" error={errors.clipboardClearSeconds} hint="5–600. Only cleared if it still holds the secret Keydeck put there.">
              {(p) => <input {...p} type="number" min={5} max={600} value={clearSeconds} onChange={(e) => setClearSeconds(e.target.value)} />}
            </Field>
            <div className="form-actions form-actions-start">
              <button type="submit" className="button button-primary">Save</button>
              {saved ? <span className="saved-note" role="status">Saved</span> : dirty ? <span className="saved-note muted">Not saved yet — saved when you leave this screen</span> : null}
            </div>
          </form>

          <section className="form settings-section" aria-labelledby="settings-appearance">
            <h2 id="settings-appearance">Appearance and startup</h2>
            <fieldset className="field fieldset">
              <legend className="field-label">Theme</legend>
              <div className="segmented">
                {THEMES.map((t) => (
                  <label key={t.v} className={`segment${settings.theme === t.v ? ' is-checked' : ''}`}>
                    <input type="radio" name="theme" className="segment-input" value={t.v} checked={settings.theme === t.v} onChange={() => void save({ theme: t.v })} />
                    <span>{t.label}</span>
                  </label>
                ))}
              </div>
            </fieldset>
            <label className="check">
              <input type="checkbox" checked={settings.launchAtLogin} onChange={(e) => void save({ launchAtLogin: e.target.checked })} />
              <span>Launch at login (starts hidden in the tray)</span>
            </label>
          </section>

          <section className="form settings-section" aria-labelledby="settings-notify">
            <h2 id="settings-notify">Notifications</h2>
            <fieldset className="field fieldset">
              <legend className="field-label">Expiry notifications</legend>
              <div className="radios">
                <label className="check">
                  <input type="radio" name="notify" checked={settings.notificationMode === 'per-key'} onChange={() => void save({ notificationMode: 'per-key' })} />
                  <span>One per key and tier, as it happens</span>
                </label>
                <label className="check">
                  <input type="radio" name="notify" checked={settings.notificationMode === 'daily-digest'} onChange={() => void save({ notificationMode: 'daily-digest' })} />
                  <span>One daily digest</span>
                </label>
              </div>
            </fieldset>
            {settings.notificationMode === 'daily-digest' ? (
              <Field label="Digest hour" error={errors.digestHour}>
                {(p) => (
                  <select {...p} value={settings.digestHour} onChange={(e) => void save({ digestHour: Number(e.target.value) })}>
                    {Array.from({ length: 24 }, (_, h) => (
                      <option key={h} value={h}>
                        {String(h).padStart(2, '0')}:00
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            ) : null}
            <label className="check">
              <input type="checkbox" checked={settings.envBackup} onChange={(e) => void save({ envBackup: e.target.checked })} />
              <span>Keep a backup of each .env file a rotation rewrites (the old value stays on disk)</span>
            </label>
          </section>
          <CliInstallSection />
        </div>
      </div>
    </main>
  );
}

function numbersPatch(tiers: string, clearSeconds: string): ChannelInput<'settings.update'> {
  return { warningDays: tiers.split(/[\s,]+/).filter(Boolean).map(Number), clipboardClearSeconds: Number(clearSeconds) };
}
