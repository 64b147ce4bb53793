import { useMemo } from 'react';

interface WaveformProps {
  /** Peak amplitudes in 0..1, as the server measured them (~1,800). */
  peaks: readonly number[];
  /** 0..1 of the track already played. */
  fraction: number;
  /** How many bars to draw; the peaks are folded into them. */
  bars?: number;
}

/** Folds many peaks into `count` bars, keeping each group's loudest. */
export function foldPeaks(peaks: readonly number[], count: number): number[] {
  if (peaks.length === 0 || count <= 0) return [];
  const n = Math.min(count, peaks.length);
  const size = peaks.length / n;
  return Array.from({ length: n }, (_, i) => {
    let max = 0;
    for (let j = Math.floor(i * size); j < Math.floor((i + 1) * size); j++) max = Math.max(max, peaks[j] ?? 0);
    return Math.min(1, Math.max(0, max));
  });
}

/** Mirrored bars, the played part in the accent colour. Purely visual: the Scrubber around it is the control. */
export function Waveform({ peaks, fraction, bars = 160 }: WaveformProps) {
  const folded = useMemo(() => foldPeaks(peaks, bars), [peaks, bars]);
  const playedBars = fraction * folded.length;
  return (
    <svg
      className="player-waveform"
      viewBox={`0 0 ${folded.length * 3} 100`}
      preserveAspectRatio="none"
      aria-hidden="true"
      focusable="false"
    >
      {folded.map((peak, i) => {
        const height = Math.max(3, peak * 96);
        return (
          <rect
            key={i}
            className={i < playedBars ? 'player-waveform-bar played' : 'player-waveform-bar'}
            x={i * 3}
            y={50 - height / 2}
            width={2}
            height={height}
            rx={1}
          />
        );
      })}
    </svg>
  );
}
