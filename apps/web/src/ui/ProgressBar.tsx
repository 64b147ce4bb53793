interface ProgressBarProps {
  /** 0..100; undefined shows an indeterminate bar. */
  value: number | undefined;
  label: string;
  /** Spoken instead of the bare percent, e.g. "3.2 of 10 MB". */
  valueText?: string;
  tone?: 'accent' | 'warn';
  className?: string;
}

export function ProgressBar({ value, label, valueText, tone = 'accent', className = '' }: ProgressBarProps) {
  const clamped = value === undefined ? undefined : Math.max(0, Math.min(100, value));
  return (
    <div
      className={`progress progress-${tone} ${clamped === undefined ? 'progress-indeterminate' : ''} ${className}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={clamped === undefined ? undefined : Math.round(clamped)}
      aria-valuetext={valueText}
    >
      <span className="progress-fill" style={clamped === undefined ? undefined : { width: `${clamped}%` }} />
    </div>
  );
}
