import { ENVIRONMENTS, type Environment } from '../../../shared/domain';

interface Props {
  value: Environment;
  onChange(env: Environment): void;
  error?: string | undefined;
}

const NAMES: Record<Environment, string> = { dev: 'Development', staging: 'Staging', prod: 'Production' };

export function EnvironmentPicker({ value, onChange, error }: Props) {
  return (
    <fieldset className={`field fieldset${error ? ' field-invalid' : ''}`}>
      <legend className="field-label">Environment</legend>
      <div className="segmented">
        {ENVIRONMENTS.map((env) => (
          <label key={env} className={`segment segment-${env}${value === env ? ' is-checked' : ''}`}>
            <input type="radio" name="ws-env" value={env} checked={value === env} onChange={() => onChange(env)} className="segment-input" />
            <span>{NAMES[env]}</span>
          </label>
        ))}
      </div>
      {error ? <p className="field-error">Environment {error}</p> : null}
    </fieldset>
  );
}
