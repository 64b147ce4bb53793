import { useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import { formatDuration, spokenDuration } from '@/ui';
import { SEEK_STEP_MS } from './player.commands';

interface ScrubberProps {
  valueMs: number;
  durationMs: number;
  /** Called once per gesture: on release after a drag, on a click, on a key. */
  onSeek: (positionMs: number) => void;
  label: string;
  className?: string;
  /** Draws the bar: `fraction` (0..1) is the shown position, the dragged one while dragging. */
  children: (fraction: number, dragging: boolean) => ReactNode;
}

/**
 * A seek bar as an ARIA slider: click or drag anywhere on it, or use the
 * arrow keys (±5 s), Page Up/Down (±10 %), Home and End. While dragging it
 * shows where the release will land without seeking on every move (each
 * seek refetches audio).
 */
export function Scrubber({ valueMs, durationMs, onSeek, label, className = '', children }: ScrubberProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [dragFraction, setDragFraction] = useState<number | null>(null);
  const known = durationMs > 0;
  const fraction = dragFraction ?? (known ? Math.min(1, Math.max(0, valueMs / durationMs)) : 0);
  const shownMs = fraction * durationMs;

  function fractionAt(clientX: number): number {
    const box = ref.current?.getBoundingClientRect();
    if (!box || box.width <= 0) return 0;
    return Math.min(1, Math.max(0, (clientX - box.left) / box.width));
  }

  function onPointerDown(event: PointerEvent<HTMLDivElement>) {
    if (!known || event.button !== 0) return;
    event.currentTarget.setPointerCapture?.(event.pointerId);
    setDragFraction(fractionAt(event.clientX));
  }

  function onPointerMove(event: PointerEvent<HTMLDivElement>) {
    if (dragFraction === null) return;
    setDragFraction(fractionAt(event.clientX));
  }

  function onPointerUp(event: PointerEvent<HTMLDivElement>) {
    if (dragFraction === null) return;
    const at = fractionAt(event.clientX);
    setDragFraction(null);
    onSeek(at * durationMs);
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (!known || event.altKey || event.ctrlKey || event.metaKey) return;
    const page = durationMs / 10;
    const targets: Record<string, number> = {
      ArrowLeft: valueMs - SEEK_STEP_MS,
      ArrowDown: valueMs - SEEK_STEP_MS,
      ArrowRight: valueMs + SEEK_STEP_MS,
      ArrowUp: valueMs + SEEK_STEP_MS,
      PageDown: valueMs - page,
      PageUp: valueMs + page,
      Home: 0,
      End: durationMs,
    };
    const target = targets[event.key];
    // Shift+arrows belong to the player's previous/next shortcuts.
    if (target === undefined || event.shiftKey) return;
    event.preventDefault();
    onSeek(Math.min(durationMs, Math.max(0, target)));
  }

  return (
    <div
      ref={ref}
      className={`player-scrubber ${dragFraction !== null ? 'dragging' : ''} ${className}`}
      role="slider"
      tabIndex={known ? 0 : -1}
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={Math.round(durationMs / 1000)}
      aria-valuenow={Math.round(shownMs / 1000)}
      aria-valuetext={`${spokenDuration(shownMs)} of ${spokenDuration(durationMs)}`}
      aria-disabled={!known || undefined}
      title={known ? formatDuration(shownMs) : undefined}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={() => setDragFraction(null)}
      onKeyDown={onKeyDown}
    >
      {children(fraction, dragFraction !== null)}
    </div>
  );
}
