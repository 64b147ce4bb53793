import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { describeError, type FieldErrors } from '@/api';

interface ApiFormOptions<V, R> {
  /** Field keys this form can show errors next to (API paths like "email", "links.0.url"). */
  fields: readonly string[];
  validate?: (values: V) => FieldErrors;
  mutationFn: (values: V) => Promise<R>;
  onSuccess?: (result: R, values: V) => void;
}

const EMPTY: FieldErrors = {};

/**
 * A form backed by one API call: client checks first, then the API's own
 * `errors[]` placed next to fields and a form-level message for the rest.
 */
export function useApiForm<V, R>({ fields, validate, mutationFn, onSuccess }: ApiFormOptions<V, R>) {
  const [clientErrors, setClientErrors] = useState<FieldErrors>(EMPTY);
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const mutation = useMutation({ mutationFn, onSuccess });

  const server = mutation.error ? describeError(mutation.error, fields) : null;
  const hasClientErrors = Object.keys(clientErrors).length > 0;
  const errors = hasClientErrors ? clientErrors : (server?.fieldErrors ?? EMPTY);
  const formError = hasClientErrors ? 'Please fix the highlighted fields.' : (server?.formError ?? null);

  // After a failed submit, put the keyboard on the first field to fix.
  useEffect(() => {
    if (attempt === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt, mutation.error, clientErrors]);

  function submit(values: V) {
    const found = validate?.(values) ?? EMPTY;
    setClientErrors(found);
    setAttempt((n) => n + 1);
    if (Object.keys(found).length > 0) {
      mutation.reset();
      return;
    }
    mutation.mutate(values);
  }

  function onSubmit(read: (form: HTMLFormElement) => V) {
    return (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      submit(read(event.currentTarget));
    };
  }

  return {
    formRef,
    submit,
    onSubmit,
    errors,
    formError,
    pending: mutation.isPending,
    succeeded: mutation.isSuccess,
    data: mutation.data,
    reset: () => {
      setClientErrors(EMPTY);
      mutation.reset();
    },
  };
}

/** Reads a text input of a form by name. */
export function formText(form: HTMLFormElement, name: string): string {
  const value = new FormData(form).get(name);
  return typeof value === 'string' ? value : '';
}
