import type { FormEventHandler, ReactNode, RefObject } from 'react';
import { Alert } from './Alert';

interface ApiFormProps {
  /** What useApiForm returns: the form's ref (for focusing the first invalid field) and its form-level error. */
  form: { formRef: RefObject<HTMLFormElement | null>; formError: string | null };
  /** The accessible name of the form. */
  label: string;
  onSubmit: FormEventHandler<HTMLFormElement>;
  children: ReactNode;
}

/** A form backed by useApiForm: native validation off (the API's messages are clearer), its error on top. */
export function ApiForm({ form, label, onSubmit, children }: ApiFormProps) {
  return (
    <form ref={form.formRef} className="form" noValidate aria-label={label} onSubmit={onSubmit}>
      {form.formError && (
        <Alert tone="error" focusOnShow>
          {form.formError}
        </Alert>
      )}
      {children}
    </form>
  );
}
