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
  // A step the engine moved past without a closing event is done: the next one could not start otherwise.
  const failed = events.some((e) => e.state === 'failed');
  const furthest = Math.max(-1, ...ROTATION_STEPS.map((s, i) => (last.get(s)?.state === 'done' ? i : -1)));
  return (
    <ol className="rotation-steps" aria-label="Rotation progress">
      {ROTATION_STEPS.map((step) => {
        const e = last.get(step);
        // After a failure, a step left "in progress" did not finish either.
        const state = e?.state === 'started' ? (ROTATION_STEPS.indexOf(step) < furthest ? 'done' : failed ? 'failed' : 'started') : (e?.state ?? 'pending');
        // "verify done" says nothing the check mark does not; real sentences are kept.
        const message = e?.message && !/^\w+ done$/.test(e.message) ? e.message : null;
        return (
          <li key={step} className={`rotation-step step-${state}`}>
            <span className="step-mark" aria-hidden="true" />
            <span className="step-label">{LABELS[step]}</span>
            <span className="visually-hidden">: {STATE_TEXT[state]}</span>
            {message && state !== 'pending' ? <span className="step-message">{message}</span> : null}
          </li>
        );
      })}
    </ol>
  );
}
