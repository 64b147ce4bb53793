import { useEffect, useRef, type ReactNode } from 'react';

interface AlertProps {
  tone?: 'error' | 'success' | 'info';
  title?: ReactNode;
  children?: ReactNode;
  /** Move focus here when shown, so screen readers and keyboards land on it. */
  focusOnShow?: boolean;
  className?: string;
}

export function Alert({ tone = 'info', title, children, focusOnShow = false, className = '' }: AlertProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focusOnShow) ref.current?.focus();
  }, [focusOnShow, children]);
  return (
    <div
      ref={ref}
      className={`alert alert-${tone} ${className}`}
      role={tone === 'error' ? 'alert' : 'status'}
      tabIndex={focusOnShow ? -1 : undefined}
    >
      <span className="alert-icon" aria-hidden="true">
        {tone === 'error' ? '!' : tone === 'success' ? '✓' : 'i'}
      </span>
      <div className="alert-body">
        {title && <p className="alert-title">{title}</p>}
        {children && <div className="alert-text">{children}</div>}
      </div>
    </div>
  );
}
