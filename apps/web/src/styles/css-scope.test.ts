import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * CSS is scoped per feature by a strict prefix: every rule in
 * features/<x>/*.css starts with a class of that feature's prefix, so no
 * feature styles another's markup or a shared class on its own, and two
 * features cannot define the same class. Shared pieces live in
 * styles/global.css and app/app.css.
 */
const PREFIX: Record<string, string> = {
  auth: 'auth',
  comments: 'comment',
  feed: 'feed',
  discover: 'discover',
  home: 'home',
  notifications: 'notification',
  player: 'player',
  playlists: 'playlist',
  profile: 'profile',
  social: 'social',
  library: 'library',
  search: 'search',
  settings: 'settings',
  tracks: 'track',
  upload: 'upload',
};

const FEATURES = path.join(import.meta.dirname, '../features');

/** The selectors of a stylesheet's rules, each one separately, at-rules and keyframe steps left out. */
function selectorsOf(css: string): string[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/@keyframes[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}/g, '');
  return [...text.matchAll(/([^{};]+)\{/g)]
    .map((m) => (m[1] ?? '').trim())
    .filter((s) => s !== '' && !s.startsWith('@'))
    .flatMap((s) => s.split(',').map((part) => part.trim()));
}

describe('feature CSS', () => {
  it('covers every feature folder', () => {
    const folders = readdirSync(FEATURES).filter((f) =>
      readdirSync(path.join(FEATURES, f)).some((n) => n.endsWith('.css')),
    );
    expect(folders.sort()).toEqual(Object.keys(PREFIX).sort());
  });

  it.each(Object.entries(PREFIX))('features/%s: every rule starts with a .%s… class', (feature, prefix) => {
    const stray: string[] = [];
    for (const file of readdirSync(path.join(FEATURES, feature)).filter((n) => n.endsWith('.css'))) {
      for (const selector of selectorsOf(readFileSync(path.join(FEATURES, feature, file), 'utf8'))) {
        if (selector.startsWith(':root')) continue; // custom properties the feature sets, like --player-h
        const first = selector.split(/\s*[\s>+~]\s*/)[0] ?? '';
        const classes = [...first.matchAll(/\.([\w-]+)/g)].map((m) => m[1]);
        if (!classes.some((c) => c === prefix || c?.startsWith(`${prefix}-`))) stray.push(`${file}: ${selector}`);
      }
    }
    expect(stray).toEqual([]);
  });
});
