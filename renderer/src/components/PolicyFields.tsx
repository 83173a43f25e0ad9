import { policyKind, type ExpiryModel } from '../../../shared/domain';
import { Field } from './Field';

/** The policy as the form holds it: day counts as typed ('' = no rule). */
export interface PolicyDraft {
  maxDays: string;
  noNever: boolean;
  rotateDays: string;
}

export const draftOf = (p: { maxLifetimeDays: number | null; noNeverExpiring: boolean; rotateEveryDays: number | null }): PolicyDraft => ({
  maxDays: p.maxLifetimeDays === null ? '' : String(p.maxLifetimeDays),
  noNever: p.noNeverExpiring,
  rotateDays: p.rotateEveryDays === null ? '' : String(p.rotateEveryDays),
});

/** The draft as the contract's policy; a day count that is not a number is sent as is, for the schema to refuse with its message. */
export function policyOfDraft(d: PolicyDraft): { maxLifetimeDays: number | null; noNeverExpiring: boolean; rotateEveryDays: number | null } {
  const days = (t: string) => (t.trim() === '' ? null : Number(t));
  return { maxLifetimeDays: days(d.maxDays), noNeverExpiring: d.noNever, rotateEveryDays: days(d.rotateDays) };
}

interface Props {
  expiry: ExpiryModel;
  serviceLabel: string;
  value: PolicyDraft;
  onChange(v: PolicyDraft): void;
  errors: Record<string, string>;
}

/**
 * A workspace's lifetime policy: a maximum lifetime and "no never-expiring keys" where the
 * service's keys can expire, a rotation age where they cannot (its declared expiry model says which).
 */
export function PolicyFields({ expiry, serviceLabel, value, onChange, errors }: Props) {
  const set = (patch: Partial<PolicyDraft>) => onChange({ ...value, ...patch });
  return (
    <fieldset className="field fieldset policy-fields">
      <legend className="field-label">Lifetime policy</legend>
      {policyKind(expiry) === 'rotation-age' ? (
        <Field label="Rotate keys every (days)" optional error={errors['policy.rotateEveryDays']} hint={`${serviceLabel} keys cannot expire: older keys are flagged as over policy, with the date to rotate by. Empty = no rule.`}>
          {(p) => <input {...p} type="number" min={1} max={3650} value={value.rotateDays} placeholder="e.g. 90" onChange={(e) => set({ rotateDays: e.target.value })} />}
        </Field>
      ) : (
        <>
          <Field label="Maximum key lifetime (days)" optional error={errors['policy.maxLifetimeDays']} hint="Create and rotate offer only lifetimes up to this; longer-lived keys are flagged with the date to rotate by. Empty = no limit.">
            {(p) => <input {...p} type="number" min={1} max={3650} value={value.maxDays} placeholder="e.g. 90" onChange={(e) => set({ maxDays: e.target.value })} />}
          </Field>
          <label className="checkbox-row">
            <input type="checkbox" checked={value.noNever} onChange={(e) => set({ noNever: e.target.checked })} />
            <span>No never-expiring keys</span>
          </label>
        </>
      )}
    </fieldset>
  );
}
