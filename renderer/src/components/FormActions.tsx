/** A dialog form's Cancel and submit buttons; the submit says what is happening while busy. */
export function FormActions({ onCancel, busy, label, busyLabel }: { onCancel(): void; busy: boolean; label: string; busyLabel: string }) {
  return (
    <div className="form-actions">
      <button type="button" className="button" onClick={onCancel}>
        Cancel
      </button>
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? busyLabel : label}
      </button>
    </div>
  );
}
