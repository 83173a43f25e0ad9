import { ROTATION_STEPS, type RotationProgress, type RotationStep } from '../../../shared/contract/rotation';

const LABELS: Record<RotationStep, string> = {
  journal: 'Record the plan',
  provider: 'Ask the service for a new key',
  keychain: 'Store the new secret in the keychain',
  metadata: 'Update Keydeck’s records',
  verify: 'Check the new key works',
  retire: 'Retire the old key',
  usages: 'Update .env files',
  finish: 'Done',
};

const STATE_TEXT: Record<RotationProgress['state'] | 'pending', string> = {
  pending: 'waiting',
  started: 'in progress',
  done: 'done',
  failed: 'failed',
  uncertain: 'uncertain',
  skipped: 'skipped',
};

/** The engine's steps as a checklist, fed by `rotation.progress`. */
export function RotationSteps({ events }: { events: RotationProgress[] }) {
  const last = new Map<RotationStep, RotationProgress>();
  for (const e of events) last.set(e.step, e);
  return (
    <ol className="rotation-steps" aria-label="Rotation progress">
      {ROTATION_STEPS.map((step) => {
        const e = last.get(step);
        const state = e?.state ?? 'pending';
        return (
          <li key={step} className={`rotation-step step-${state}`}>
            <span className="step-mark" aria-hidden="true" />
            <span className="step-label">{LABELS[step]}</span>
            <span className="visually-hidden">: {STATE_TEXT[state]}</span>
            {e?.message && (state === 'failed' || state === 'uncertain' || state === 'done') ? <span className="step-message">{e.message}</span> : null}
          </li>
        );
      })}
    </ol>
  );
}
