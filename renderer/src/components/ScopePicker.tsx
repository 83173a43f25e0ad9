import type { ScopeModel } from '../../../shared/domain';

interface Props {
  model: ScopeModel;
  serviceLabel: string;
  selected: string[];
  onChange(scopes: string[]): void;
  error?: string | undefined;
  /** Guided creation: the token must be given at least one. */
  required?: boolean;
}

/** The provider catalog says which scopes exist; keys of services without scopes get a note instead. */
export function ScopePicker({ model, serviceLabel, selected, onChange, error, required = false }: Props) {
  if (model.kind === 'none' || model.kind === 'project') {
    return model.kind === 'none' ? <p className="field-note">{serviceLabel} keys have no scopes: each key can do everything its account can.</p> : null;
  }
  const options = model.kind === 'fixed' ? model.scopes : model.permissions;
  const toggle = (scope: string, on: boolean) => onChange(on ? [...selected, scope] : selected.filter((s) => s !== scope));
  return (
    <fieldset className={`field fieldset${error ? ' field-invalid' : ''}`}>
      <legend className="field-label">
        {model.kind === 'fixed' ? 'Scopes' : 'Permissions'}
        {required ? null : <span className="field-optional"> optional</span>}
      </legend>
      <div className={`checks${model.kind === 'permissions' ? ' checks-dense' : ''}`}>
        {options.map((scope) => (
          <label key={scope} className="check">
            <input type="checkbox" checked={selected.includes(scope)} onChange={(e) => toggle(scope, e.target.checked)} />
            <span>{scope}</span>
          </label>
        ))}
      </div>
      {error ? <p className="field-error">Scopes {error}</p> : null}
    </fieldset>
  );
}
