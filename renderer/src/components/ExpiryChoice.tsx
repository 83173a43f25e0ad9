import { latestAllowedDate, lifetimeBreach, type ExpiryModel, type WorkspacePolicy } from '../../../shared/domain';
import { Field } from './Field';

/** The workspace whose lifetime policy the choice must keep to. */
export interface PolicyContext {
  policy: WorkspacePolicy;
  workspaceName: string;
}

export interface ExpiryValue {
  /** 'never', a preset or custom day count as text, or 'custom' (then `date`). */
  mode: string;
  days: string;
  date: string;
  from: string;
}

/** A first choice the policy allows: 90 days (or the policy's maximum), the middle preset if it fits, else the latest allowed date. */
export function initialExpiry(model: ExpiryModel, ctx?: PolicyContext | null): ExpiryValue {
  const max = ctx?.policy.maxLifetimeDays ?? null;
  const days = String(max !== null ? Math.min(90, max) : 90);
  if (model.kind === 'presets') {
    const preferred = model.presetsDays[1] ?? model.presetsDays[0] ?? 90;
    const allowed = model.presetsDays.filter((d) => max === null || d <= max);
    const pick = allowed.includes(preferred) ? preferred : allowed.at(-1);
    if (pick !== undefined) return { mode: String(pick), days, date: '', from: '' };
    return { mode: 'custom', days, date: ctx ? (latestAllowedDate(ctx.policy, new Date()) ?? '') : '', from: '' };
  }
  return { mode: model.kind === 'days' ? 'days' : 'never', days, date: '', from: '' };
}

interface Props {
  model: ExpiryModel;
  serviceLabel: string;
  value: ExpiryValue;
  onChange(v: ExpiryValue): void;
  errors: Record<string, string>;
  /** The workspace's lifetime policy: choices that break it are disabled, with the reason shown. */
  policy?: PolicyContext | null | undefined;
}

/**
 * The provider's expiry model as a form: days or never, presets or custom, a validity window, or
 * a note. Under a workspace policy, what breaks it is offered disabled with the rule named, and
 * the day count and dates stop at the policy's maximum (the core refuses the rest anyway).
 */
export function ExpiryChoice({ model, serviceLabel, value, onChange, errors, policy }: Props) {
  const set = (patch: Partial<ExpiryValue>) => onChange({ ...value, ...patch });
  const rule = policy ? (days: number | null) => lifetimeBreach(policy.policy, policy.workspaceName, days) : () => null;
  const max = policy?.policy.maxLifetimeDays ?? null;
  const latest = policy ? latestAllowedDate(policy.policy, new Date()) : null;
  const maxNote = max !== null ? <p className="field-note policy-note">{rule(max + 1)?.message}</p> : null;
  if (model.kind === 'none') {
    const every = policy?.policy.rotateEveryDays ?? null;
    return (
      <p className="field-note">
        {serviceLabel} keys never expire: {every !== null ? `workspace “${policy!.workspaceName}” asks for a rotation every ${every} days (policy: rotation age).` : 'rotate them on your own schedule.'}
      </p>
    );
  }
  if (model.kind === 'window') {
    return (
      <>
        <div className="form-row">
          <Field label="Valid from" optional error={errors.validFrom}>
            {(p) => <input {...p} type="date" value={value.from} onChange={(e) => set({ from: e.target.value })} />}
          </Field>
          <Field label="Valid to" error={errors.expiresAt}>
            {(p) => <input {...p} type="date" value={value.date} max={latest ?? undefined} onChange={(e) => set({ date: e.target.value })} />}
          </Field>
        </div>
        {maxNote}
      </>
    );
  }
  const options =
    model.kind === 'days'
      ? [{ v: 'days', label: 'After', breach: null }, ...(model.allowNever ? [{ v: 'never', label: 'Never', breach: rule(null) }] : [])]
      : [...model.presetsDays.map((d) => ({ v: String(d), label: `${d} days`, breach: rule(d) })), ...(model.allowCustom ? [{ v: 'custom', label: 'Custom', breach: null }] : [])];
  const refused = options.filter((o) => o.breach);
  return (
    <fieldset className={`field fieldset${errors.expiresInDays || errors.expiresAt ? ' field-invalid' : ''}`}>
      <legend className="field-label">Expires</legend>
      <div className="segmented">
        {options.map((o) => (
          <label key={o.v} className={`segment${value.mode === o.v ? ' is-checked' : ''}${o.breach ? ' is-disabled' : ''}`}>
            <input type="radio" name="expiry-mode" className="segment-input" value={o.v} checked={value.mode === o.v} disabled={Boolean(o.breach)} onChange={() => set({ mode: o.v })} />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      {value.mode === 'days' ? (
        <label className="inline-field">
          <input type="number" min={1} max={max ?? 3650} value={value.days} aria-label="Days until it expires" aria-invalid={Boolean(errors.expiresInDays)} onChange={(e) => set({ days: e.target.value })} />
          <span>days (1–{max ?? 3650})</span>
        </label>
      ) : null}
      {value.mode === 'custom' ? (
        <label className="inline-field">
          <span>On</span>
          <input type="date" value={value.date} max={latest ?? undefined} aria-label="Expiry date" aria-invalid={Boolean(errors.expiresAt)} onChange={(e) => set({ date: e.target.value })} />
        </label>
      ) : null}
      {errors.expiresInDays ? <p className="field-error">Days {errors.expiresInDays}</p> : null}
      {errors.expiresAt ? <p className="field-error">Expiry {errors.expiresAt}</p> : null}
      {refused.length > 0 ? (
        <p className="field-note policy-note">
          {refused.map((o) => o.label).join(', ')} not offered: {[...new Set(refused.map((o) => o.breach!.message))].join(' ')}
        </p>
      ) : max !== null && (value.mode === 'days' || value.mode === 'custom') ? maxNote : null}
    </fieldset>
  );
}

/** The same rule before sending, so a person sees the field error at once: the core still decides. */
export function policyErrors(model: ExpiryModel, value: ExpiryValue, ctx: PolicyContext | null | undefined): Record<string, string> {
  if (!ctx) return {};
  if (model.kind === 'days') {
    const b = lifetimeBreach(ctx.policy, ctx.workspaceName, value.mode === 'never' ? null : Number(value.days));
    return b ? { expiresInDays: b.field } : {};
  }
  if (model.kind === 'presets' || model.kind === 'window') {
    const date = expiryDate(value);
    const latest = latestAllowedDate(ctx.policy, new Date());
    if (!date) return lifetimeBreach(ctx.policy, ctx.workspaceName, null) ? { expiresAt: lifetimeBreach(ctx.policy, ctx.workspaceName, null)!.field } : {};
    return latest && date > latest ? { expiresAt: lifetimeBreach(ctx.policy, ctx.workspaceName, (ctx.policy.maxLifetimeDays ?? 0) + 1)!.field } : {};
  }
  return {};
}

const DAY = 86_400_000;

/** The chosen expiry as an ISO date (presets count from today), or undefined for "never". */
export function expiryDate(value: ExpiryValue, now = Date.now()): string | undefined {
  if (value.mode === 'custom') return value.date || undefined;
  const preset = Number(value.mode);
  if (Number.isInteger(preset) && preset > 0) return new Date(now + preset * DAY).toISOString().slice(0, 10);
  return value.date || undefined;
}
