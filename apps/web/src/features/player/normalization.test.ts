import { describe, expect, it } from 'vitest';
import { effectiveVolume, normalizationGain } from './normalization';

describe('loudness normalisation', () => {
  it('turns a loud master down to −14 LUFS: gain = 10^((−14 − lufs) / 20)', () => {
    expect(normalizationGain(-8)).toBeCloseTo(0.5012, 4); // 6 LU over
    expect(normalizationGain(-4)).toBeCloseTo(0.3162, 4); // 10 LU over
    expect(normalizationGain(-14)).toBe(1);
  });

  it('never boosts a quiet one past full volume', () => {
    expect(normalizationGain(-20)).toBe(1);
    expect(normalizationGain(-40)).toBe(1);
  });

  it('leaves an unmeasured track alone', () => {
    expect(normalizationGain(null)).toBe(1);
    expect(normalizationGain(Number.NaN)).toBe(1);
  });

  it('multiplies with the listener volume, and mute wins', () => {
    expect(effectiveVolume({ volume: 0.5, muted: false, normalize: true, lufs: -8 })).toBeCloseTo(0.2506, 4);
    expect(effectiveVolume({ volume: 0.5, muted: false, normalize: false, lufs: -8 })).toBe(0.5);
    expect(effectiveVolume({ volume: 0.5, muted: true, normalize: true, lufs: -20 })).toBe(0);
  });
});
