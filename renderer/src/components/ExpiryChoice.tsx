import type { ExpiryModel } from '../../../shared/domain';
import { Field } from './Field';

export interface ExpiryValue {
  /** 'never', a preset or custom day count as text, or 'custom' (then `date`). */
  mode: string;
  days: string;
  date: string;
  from: string;
}

export const initialExpiry = (model: ExpiryModel): ExpiryValue => ({
  mode: model.kind === 'presets' ? String(model.presetsDays[1] ?? model.presetsDays[0] ?? 90) : model.kind === 'days' ? 'days' : 'never',
  days: '90',
  date: '',
  from: '',
});

interface Props {
  model: ExpiryModel;
  serviceLabel: string;
  value: ExpiryValue;
  onChange(v: ExpiryValue): void;
  errors: Record<string, string>;
}

/** The provider's expiry model as a form: days or never, presets or custom, a validity window, or a note. */
export function ExpiryChoice({ model, serviceLabel, value, onChange, errors }: Props) {
  const set = (patch: Partial<ExpiryValue>) => onChange({ ...value, ...patch });
  if (model.kind === 'none') return <p className="field-note">{serviceLabel} keys never expire: rotate them on your own schedule.</p>;
  if (model.kind === 'window') {
    return (
      <div className="form-row">
        <Field label="Valid from" optional error={errors.validFrom}>
          {(p) => <input {...p} type="date" value={value.from} onChange={(e) => set({ from: e.target.value })} />}
        </Field>
        <Field label="Valid to" error={errors.expiresAt}>
          {(p) => <input {...p} type="date" value={value.date} onChange={(e) => set({ date: e.target.value })} />}
        </Field>
      </div>
    );
  }
  const options =
    model.kind === 'days'
      ? [{ v: 'days', label: 'After' }, ...(model.allowNever ? [{ v: 'never', label: 'Never' }] : [])]
      : [...model.presetsDays.map((d) => ({ v: String(d), label: `${d} days` })), ...(model.allowCustom ? [{ v: 'custom', label: 'Custom' }] : [])];
  return (
    <fieldset className={`field fieldset${errors.expiresInDays || errors.expiresAt ? ' field-invalid' : ''}`}>
      <legend className="field-label">Expires</legend>
      <div className="segmented">
        {options.map((o) => (
          <label key={o.v} className={`segment${value.mode === o.v ? ' is-checked' : ''}`}>
            <input type="radio" name="expiry-mode" className="segment-input" value={o.v} checked={value.mode === o.v} onChange={() => set({ mode: o.v })} />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      {value.mode === 'days' ? (
        <label className="inline-field">
          <input type="number" min={1} max={3650} value={value.days} aria-label="Days until it expires" aria-invalid={Boolean(errors.expiresInDays)} onChange={(e) => set({ days: e.target.value })} />
          <span>days (1–3650)</span>
        </label>
      ) : null}
      {value.mode === 'custom' ? (
        <label className="inline-field">
          <span>On</span>
          <input type="date" value={value.date} aria-label="Expiry date" aria-invalid={Boolean(errors.expiresAt)} onChange={(e) => set({ date: e.target.value })} />
        </label>
      ) : null}
      {errors.expiresInDays ? <p className="field-error">Days {errors.expiresInDays}</p> : null}
      {errors.expiresAt ? <p className="field-error">Expiry {errors.expiresAt}</p> : null}
    </fieldset>
  );
}

const DAY = 86_400_000;

/** The chosen expiry as an ISO date (presets count from today), or undefined for "never". */
export function expiryDate(value: ExpiryValue, now = Date.now()): string | undefined {
  if (value.mode === 'custom') return value.date || undefined;
  const preset = Number(value.mode);
  if (Number.isInteger(preset) && preset > 0) return new Date(now + preset * DAY).toISOString().slice(0, 10);
  return value.date || undefined;
}
