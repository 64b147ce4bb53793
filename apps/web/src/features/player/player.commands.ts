import type { PlayerState, PlayerStore } from './player.store';

/** A player action as data: the keyboard, the media keys and tests all go through these. */
export interface PlayerCommand {
  name: string;
  label: string;
  /** Key combinations as produced by `keyOf`, e.g. "Space", "Shift+ArrowRight". */
  keys: readonly string[];
  isEnabled: (state: PlayerState) => boolean;
  perform: (player: PlayerStore) => void;
}

export const SEEK_STEP_MS = 5000;

const hasTrack = (s: PlayerState) => s.current !== null;

export const PLAYER_COMMANDS: readonly PlayerCommand[] = [
  { name: 'player.toggle', label: 'Play or pause', keys: ['Space'], isEnabled: hasTrack, perform: (p) => p.toggle() },
  {
    name: 'player.seekBackward',
    label: 'Back 5 seconds',
    keys: ['ArrowLeft'],
    isEnabled: hasTrack,
    perform: (p) => p.seekBy(-SEEK_STEP_MS),
  },
  {
    name: 'player.seekForward',
    label: 'Forward 5 seconds',
    keys: ['ArrowRight'],
    isEnabled: hasTrack,
    perform: (p) => p.seekBy(SEEK_STEP_MS),
  },
  {
    name: 'player.previous',
    label: 'Previous track (or restart)',
    keys: ['Shift+ArrowLeft'],
    isEnabled: hasTrack,
    perform: (p) => p.previous(),
  },
  {
    name: 'player.next',
    label: 'Next track',
    keys: ['Shift+ArrowRight'],
    isEnabled: (s) => s.index < s.queue.length - 1,
    perform: (p) => p.next(),
  },
];

/** "Space", "ArrowLeft", "Shift+ArrowRight"; null with Ctrl, Alt or Meta (those belong to the browser). */
export function keyOf(event: Pick<KeyboardEvent, 'key' | 'code' | 'shiftKey' | 'ctrlKey' | 'altKey' | 'metaKey'>) {
  if (event.ctrlKey || event.altKey || event.metaKey) return null;
  const key = event.key === ' ' || event.code === 'Space' ? 'Space' : event.key;
  return event.shiftKey ? `Shift+${key}` : key;
}

const TEXT_INPUT_TYPES = new Set([
  'text',
  'search',
  'email',
  'url',
  'tel',
  'password',
  'number',
  'date',
  'time',
  'datetime-local',
  'month',
  'week',
  'range',
  'color',
]);

/**
 * Whether the focused element uses the key itself: typing in a field, Space
 * on a button or link (it clicks them), arrows on a slider, menu or select.
 * Global shortcuts must leave those keys alone.
 */
export function ownsKey(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof Element)) return false;
  const html = target as HTMLElement;
  if (html.isContentEditable || target.closest('[contenteditable="true"], [contenteditable=""]')) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    if (TEXT_INPUT_TYPES.has(type)) return true;
    return key === 'Space'; // checkboxes, radios, file pickers toggle with Space
  }
  const role = target.getAttribute('role');
  if (key.endsWith('Space') && (tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY' || role === 'button')) return true;
  if (
    role === 'slider' ||
    role === 'menuitem' ||
    role === 'option' ||
    role === 'tab' ||
    target.closest('[role="menu"]')
  )
    return true;
  return false;
}

/** The command a key press asks for, if the player should take it. */
export function commandFor(event: KeyboardEvent, state: PlayerState): PlayerCommand | null {
  if (event.defaultPrevented) return null;
  const key = keyOf(event);
  if (!key || ownsKey(event.target, key)) return null;
  // Holding an arrow keeps seeking; holding Space must not flicker between play and pause.
  if (event.repeat && key === 'Space') return null;
  const command = PLAYER_COMMANDS.find((c) => c.keys.includes(key));
  return command && command.isEnabled(state) ? command : null;
}
