/** Streaming services' common playback loudness; quieter masters are left alone rather than boosted. */
export const TARGET_LUFS = -14;

/**
 * The volume factor that brings a track measured at `lufs` (integrated,
 * EBU R128) to the target loudness: 10^((target − lufs) / 20). It only ever
 * turns loud tracks down (clamped to ≤ 1): boosting a quiet one would push
 * its peaks past full scale, and an <audio> element cannot go above 1 anyway.
 * An unmeasured track plays as is.
 */
export function normalizationGain(lufs: number | null | undefined, target = TARGET_LUFS): number {
  if (lufs === null || lufs === undefined || !Number.isFinite(lufs)) return 1;
  return Math.min(1, 10 ** ((target - lufs) / 20));
}

/** What the <audio> element's volume should be. */
export function effectiveVolume(opts: { volume: number; muted: boolean; normalize: boolean; lufs: number | null }) {
  if (opts.muted) return 0;
  const gain = opts.normalize ? normalizationGain(opts.lufs) : 1;
  return Math.max(0, Math.min(1, opts.volume * gain));
}
