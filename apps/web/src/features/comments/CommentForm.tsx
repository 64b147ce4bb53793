import { useId, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { describeError } from '@/api';
import { Button } from '@/ui';
import { COMMENT_MAX } from './comments.types';

interface CommentFormProps {
  /** The textarea's accessible name. */
  label: string;
  placeholder?: string;
  submitLabel: string;
  initial?: string;
  /** Saves the body; a thrown ApiError is shown under the box and the text is kept. */
  onSubmit: (body: string) => Promise<unknown>;
  onCancel?: () => void;
  /** Told every change of the text (the composer freezes its position when typing starts). */
  onTextChange?: (body: string) => void;
  /** Controls beside the buttons (the composer's "at 1:23"). */
  extra?: ReactNode;
  autoFocus?: boolean;
}

/**
 * A comment box: Ctrl/⌘+Enter sends, Escape cancels (when it can). The
 * limit counts characters as the server does, after trimming.
 */
export function CommentForm({
  label,
  placeholder,
  submitLabel,
  initial = '',
  onSubmit,
  onCancel,
  onTextChange,
  extra,
  autoFocus = false,
}: CommentFormProps) {
  const id = useId();
  const [body, setBody] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const length = [...body.trim()].length;
  const over = length > COMMENT_MAX;

  function change(next: string) {
    setBody(next);
    setError(null);
    onTextChange?.(next);
  }

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    if (pending) return;
    if (length === 0) return setError('Write something first.');
    if (over) return setError(`Comments are limited to ${COMMENT_MAX.toLocaleString('en')} characters.`);
    setPending(true);
    try {
      await onSubmit(body.trim());
      change('');
    } catch (err) {
      const { fieldErrors, formError } = describeError(err, ['body']);
      setError(fieldErrors.body ?? formError);
    } finally {
      setPending(false);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    } else if (event.key === 'Escape' && onCancel) {
      event.preventDefault();
      onCancel();
    }
  }

  return (
    <form className="comment-form" onSubmit={(e) => void submit(e)} noValidate>
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <textarea
        id={id}
        className="input textarea comment-form-input"
        value={body}
        placeholder={placeholder}
        rows={body.includes('\n') || body.length > 80 ? 4 : 2}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        // Focus moves here only when the user asked for this box (Reply, Edit).
        autoFocus={autoFocus}
        onChange={(e) => change(e.target.value)}
        onKeyDown={onKeyDown}
      />
      {error && (
        <p id={`${id}-error`} className="comment-form-error" role="alert">
          {error}
        </p>
      )}
      <div className="comment-form-row">
        {extra}
        <span className={over ? 'comment-form-count over' : 'comment-form-count'} aria-live="polite">
          {length > COMMENT_MAX - 200 ? `${length.toLocaleString('en')} / ${COMMENT_MAX.toLocaleString('en')}` : ''}
        </span>
        {onCancel && (
          <Button variant="ghost" size="sm" onClick={onCancel}>
            Cancel
          </Button>
        )}
        <Button type="submit" size="sm" pending={pending} pendingLabel="Sending…">
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
