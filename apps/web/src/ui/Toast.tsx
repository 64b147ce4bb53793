import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';

type ToastTone = 'success' | 'error' | 'info';
/** A button in the toast ("Undo"): clicking it runs `perform` and dismisses the toast. */
export interface ToastAction {
  label: string;
  perform: () => void;
}
interface Toast {
  id: number;
  tone: ToastTone;
  message: string;
  action?: ToastAction;
}
type Notify = (message: string, tone?: ToastTone, options?: { action?: ToastAction }) => void;

const ToastContext = createContext<Notify | null>(null);
const TOAST_MS = 4500;
// Time to reach and press the button: WCAG 2.2.1 asks for more than the message alone needs.
const ACTION_TOAST_MS = 8000;

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((t) => t.id !== id)), []);
  const notify = useCallback<Notify>(
    (message, tone = 'success', options = {}) => {
      const id = nextId.current++;
      setToasts((all) => [...all.slice(-2), { id, tone, message, action: options.action }]);
      setTimeout(() => dismiss(id), options.action ? ACTION_TOAST_MS : TOAST_MS);
    },
    [dismiss],
  );
  const value = useMemo(() => notify, [notify]);

  return (
    <ToastContext value={value}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {toasts.map((toast) => (
          <div key={toast.id} className={`toast toast-${toast.tone}`}>
            <span className="toast-message">{toast.message}</span>
            {toast.action && (
              <button
                type="button"
                className="toast-action"
                onClick={() => {
                  dismiss(toast.id);
                  toast.action!.perform();
                }}
              >
                {toast.action.label}
              </button>
            )}
            <button type="button" className="toast-close" onClick={() => dismiss(toast.id)}>
              <span aria-hidden="true">×</span>
              <span className="visually-hidden">Dismiss</span>
            </button>
          </div>
        ))}
      </div>
    </ToastContext>
  );
}

export function useToast(): Notify {
  const notify = useContext(ToastContext);
  if (!notify) throw new Error('useToast() needs a <ToastProvider>');
  return notify;
}
