import { WORKSPACE_COLORS } from '../../../shared/domain';

type Color = (typeof WORKSPACE_COLORS)[number];

interface Props {
  value: Color;
  onChange(color: Color): void;
}

/** Radio buttons drawn as swatches: keyboard arrows work, and each has a name for screen readers. */
export function ColorPicker({ value, onChange }: Props) {
  return (
    <fieldset className="field fieldset">
      <legend className="field-label">Colour</legend>
      <div className="swatches">
        {WORKSPACE_COLORS.map((c) => (
          <label key={c} className="swatch-label" title={c}>
            <input type="radio" name="ws-color" value={c} checked={value === c} onChange={() => onChange(c)} className="swatch-input" />
            <span className={`swatch ws-color-${c}`} aria-hidden="true" />
            <span className="visually-hidden">{c}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
