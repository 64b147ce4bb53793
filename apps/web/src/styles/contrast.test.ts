import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Computed from the tokens rather than eyeballed: axe flagged faint text on
// surfaces at 4.34:1, and the unplayed waveform was 1.2:1 against its card.
const css = readFileSync(path.join(import.meta.dirname, 'global.css'), 'utf8');
const root = css.slice(css.indexOf(':root'), css.indexOf('}', css.indexOf(':root')));

function token(name: string): string {
  const match = new RegExp(`--${name}:\\s*(#[0-9a-fA-F]{6})\\s*;`).exec(root);
  if (!match?.[1]) throw new Error(`no hex value for --${name}`);
  return match[1];
}

/** WCAG 2 relative luminance and contrast ratio. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const SURFACES = ['bg', 'bg-raised', 'surface', 'surface-2', 'surface-3'];

describe('colour tokens', () => {
  it.each(['text', 'text-muted', 'text-faint'])('--%s reads at 4.5:1 or more on every surface', (text) => {
    for (const surface of SURFACES) {
      expect(contrast(token(text), token(surface)), `--${text} on --${surface}`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('the unplayed waveform stands out from its card and from the played part (3:1)', () => {
    for (const surface of ['bg', 'surface']) {
      expect(contrast(token('waveform-unplayed'), token(surface)), surface).toBeGreaterThanOrEqual(3);
    }
    expect(contrast(token('waveform-unplayed'), token('accent'))).toBeGreaterThanOrEqual(3);
  });
});
