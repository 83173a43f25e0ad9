import { useEffect, type RefObject } from 'react';

/** After a failed submit, focus goes to the first field that needs fixing, so keyboard users land on it. */
export function useFocusFirstInvalid(form: RefObject<HTMLFormElement | null>, errors: Record<string, string>): void {
  useEffect(() => {
    if (Object.keys(errors).length === 0) return;
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"], .field-invalid input')?.focus();
  }, [form, errors]);
}
