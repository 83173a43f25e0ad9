import { useId, type ReactNode } from 'react';

/** A compact labelled control for filter bars; the label points at the control, so its name is just the label. */
export function FilterField({ label, children }: { label: string; children(id: string): ReactNode }) {
  const id = useId();
  return (
    <div className="filter">
      <label htmlFor={id} className="filter-label">
        {label}
      </label>
      {children(id)}
    </div>
  );
}
