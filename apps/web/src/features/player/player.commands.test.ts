import { describe, expect, it } from 'vitest';
import { aTrack } from '@/test/tracks';
import { commandFor, keyOf, ownsKey } from './player.commands';
import type { PlayerState } from './player.store';

const track = aTrack();
const playing: PlayerState = {
  queue: [track, aTrack()],
  index: 0,
  current: track,
  status: 'playing',
  buffering: false,
  positionMs: 10_000,
  durationMs: 180_000,
  error: null,
  notice: null,
  volume: 1,
  muted: false,
  normalize: true,
};

function press(key: string, target: Element, init: KeyboardEventInit = {}): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
  Object.defineProperty(event, 'target', { value: target });
  return event;
}

function element(html: string): Element {
  const host = document.createElement('div');
  host.innerHTML = html;
  document.body.append(host);
  return host.firstElementChild!;
}

describe('player shortcuts', () => {
  it('map Space, arrows and Shift+arrows to commands', () => {
    const body = document.body;
    expect(commandFor(press(' ', body), playing)?.name).toBe('player.toggle');
    expect(commandFor(press('ArrowLeft', body), playing)?.name).toBe('player.seekBackward');
    expect(commandFor(press('ArrowRight', body), playing)?.name).toBe('player.seekForward');
    expect(commandFor(press('ArrowLeft', body, { shiftKey: true }), playing)?.name).toBe('player.previous');
    expect(commandFor(press('ArrowRight', body, { shiftKey: true }), playing)?.name).toBe('player.next');
  });

  it('ignore keys typed into text fields, text areas, selects and editable content', () => {
    for (const html of [
      '<input type="text">',
      '<input type="search">',
      '<input>',
      '<textarea></textarea>',
      '<select><option>a</option></select>',
      '<div contenteditable="true"></div>',
      '<input type="range">',
    ]) {
      const target = element(html);
      expect(commandFor(press(' ', target), playing), html).toBeNull();
      expect(commandFor(press('ArrowLeft', target), playing), html).toBeNull();
    }
  });

  it('leave Space to buttons and links (it clicks them) and arrows to sliders and menus', () => {
    expect(ownsKey(element('<button>Go</button>'), 'Space')).toBe(true);
    expect(ownsKey(element('<a href="/x">x</a>'), 'Space')).toBe(true);
    expect(ownsKey(element('<button>Go</button>'), 'ArrowLeft')).toBe(false);
    expect(ownsKey(element('<div role="slider" tabindex="0"></div>'), 'ArrowRight')).toBe(true);
    expect(ownsKey(element('<input type="checkbox">'), 'Space')).toBe(true);
    expect(ownsKey(element('<input type="checkbox">'), 'ArrowLeft')).toBe(false);
  });

  it('do nothing with nothing loaded, with browser modifiers, or for a held Space', () => {
    const idle = { ...playing, current: null, queue: [], index: -1 };
    expect(commandFor(press(' ', document.body), idle)).toBeNull();
    expect(commandFor(press('ArrowLeft', document.body, { ctrlKey: true }), playing)).toBeNull();
    expect(commandFor(press(' ', document.body, { repeat: true }), playing)).toBeNull();
    expect(commandFor(press('ArrowRight', document.body, { repeat: true }), playing)?.name).toBe('player.seekForward');
    // Next is disabled on the last track.
    expect(commandFor(press('ArrowRight', document.body, { shiftKey: true }), { ...playing, index: 1 })).toBeNull();
  });

  it('name keys the same way whatever the layout reports for Space', () => {
    expect(keyOf({ key: ' ', code: 'Space', shiftKey: false, ctrlKey: false, altKey: false, metaKey: false })).toBe(
      'Space',
    );
    expect(
      keyOf({ key: 'ArrowLeft', code: 'ArrowLeft', shiftKey: true, ctrlKey: false, altKey: false, metaKey: false }),
    ).toBe('Shift+ArrowLeft');
  });
});
