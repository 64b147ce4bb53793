export interface PlayerPrefs {
  /** 0..1 */
  volume: number;
  muted: boolean;
  /** Loudness normalisation on or off. */
  normalize: boolean;
}

export const DEFAULT_PREFS: PlayerPrefs = { volume: 0.8, muted: false, normalize: true };
const KEY = 'veza:player';

/** Browser storage, or nothing (private mode can throw on access). */
export type PrefsStorage = Pick<Storage, 'getItem' | 'setItem'>;

export function browserStorage(): PrefsStorage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

/** Stored prefs, each value checked: a hand-edited or old entry falls back field by field. */
export function loadPrefs(storage: PrefsStorage | undefined): PlayerPrefs {
  let raw: unknown;
  try {
    raw = JSON.parse(storage?.getItem(KEY) ?? 'null');
  } catch {
    raw = null;
  }
  const stored = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<Record<keyof PlayerPrefs, unknown>>;
  const volume = stored.volume;
  return {
    volume: typeof volume === 'number' && volume >= 0 && volume <= 1 ? volume : DEFAULT_PREFS.volume,
    muted: typeof stored.muted === 'boolean' ? stored.muted : DEFAULT_PREFS.muted,
    normalize: typeof stored.normalize === 'boolean' ? stored.normalize : DEFAULT_PREFS.normalize,
  };
}

export function savePrefs(storage: PrefsStorage | undefined, prefs: PlayerPrefs): void {
  try {
    storage?.setItem(KEY, JSON.stringify(prefs));
  } catch {
    // Full or forbidden storage: the setting just won't outlive the tab.
  }
}
