import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { FakeEngine } from '@/test/fake-engine';
import { fakeServer, json, route, testApi } from '@/test/fake-api';
import { renderPage } from '@/test/render';
import { aTrack } from '@/test/tracks';
import { PlayerBar } from './PlayerBar';
import { PlayerProvider } from './PlayerProvider';
import { usePlayer } from './player.context';

const first = aTrack({ title: 'First light', durationMs: 200_000 });
const second = aTrack({ title: 'Second wind' });

function PlayButton() {
  const player = usePlayer();
  return (
    <>
      <button type="button" onClick={() => player.play(first, [first, second])}>
        Start
      </button>
      <input aria-label="Search" />
    </>
  );
}

function setup() {
  const engine = new FakeEngine();
  const server = fakeServer({
    ...route(`GET /api/v1/tracks/${first.id}/stream`, () =>
      json(200, { url: `/stream/${first.id}/master.m3u8?token=t`, expiresAt: '2030-01-01T00:00:00Z' }),
    ),
    ...route(`GET /api/v1/tracks/${second.id}/stream`, () =>
      json(200, { url: `/stream/${second.id}/master.m3u8?token=t`, expiresAt: '2030-01-01T00:00:00Z' }),
    ),
  });
  renderPage(
    <PlayerProvider createEngine={() => engine}>
      <PlayButton />
      <PlayerBar />
    </PlayerProvider>,
    { api: testApi(server), at: '/' },
  );
  return { engine, user: userEvent.setup() };
}

describe('PlayerBar', () => {
  it('appears once something plays, with the track, a pause button and an accessible seek slider', async () => {
    const { engine, user } = setup();
    expect(screen.queryByRole('slider', { name: 'Seek' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Start' }));
    expect(await screen.findByRole('button', { name: 'Pause' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'First light' }).getAttribute('href')).toBe(`/tracks/${first.id}`);
    expect(screen.getByRole('link', { name: 'Grace Hopper' }).getAttribute('href')).toBe('/u/grace_h');
    expect(engine.loads[0]!.url).toBe(`http://veza.test/stream/${first.id}/master.m3u8?token=t`);

    act(() => engine.emit({ type: 'time', positionMs: 83_000 }));
    const slider = screen.getByRole('slider', { name: 'Seek' });
    expect(slider.getAttribute('aria-valuenow')).toBe('83');
    expect(slider.getAttribute('aria-valuemax')).toBe('200');
    expect(slider.getAttribute('aria-valuetext')).toBe('1 minute 23 seconds of 3 minutes 20 seconds');
    expect(screen.getByText('1:23')).toBeTruthy();

    slider.focus();
    await user.keyboard('{ArrowRight}');
    expect(engine.seeks.at(-1)).toBe(88_000);
    await user.keyboard('{End}');
    expect(engine.seeks.at(-1)).toBe(200_000);
  });

  it('Space plays and pauses from anywhere except text fields', async () => {
    const { engine, user } = setup();
    await user.click(screen.getByRole('button', { name: 'Start' }));
    await screen.findByRole('button', { name: 'Pause' });

    (document.activeElement as HTMLElement).blur();
    await user.keyboard(' ');
    expect(engine.playing).toBe(false);
    expect(screen.getByRole('button', { name: 'Play' })).toBeTruthy();

    await user.click(screen.getByRole('textbox', { name: 'Search' }));
    await user.keyboard(' ');
    expect(engine.playing).toBe(false);
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'Search' }).value).toBe(' ');

    (document.activeElement as HTMLElement).blur();
    await user.keyboard('{Shift>}{ArrowRight}{/Shift}');
    await waitFor(() => expect(screen.getByRole('link', { name: 'Second wind' })).toBeTruthy());
  });

  it('lists the queue and plays an entry from it', async () => {
    const { user } = setup();
    await user.click(screen.getByRole('button', { name: 'Start' }));
    await user.click(await screen.findByRole('button', { name: 'Queue' }));
    const queue = screen.getByRole('dialog', { name: 'Queue' });
    expect(queue.textContent).toContain('First light');
    await user.click(within(queue).getByRole('button', { name: /^Second wind/ }));
    await waitFor(() => expect(screen.getByRole('link', { name: 'Second wind' })).toBeTruthy());
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Queue' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Queue' }));
  });
});
