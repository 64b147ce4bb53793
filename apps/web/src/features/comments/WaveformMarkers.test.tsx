import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aMarker } from '@/test/comments';
import { json, route } from '@/test/fake-api';
import { listUrl, show } from './track-page.fixture';

const early = aMarker({ atMs: 50_000, excerpt: 'Here it starts' });
const late = aMarker({ atMs: 150_000, excerpt: 'The drop', author: { ...early.author, displayName: 'Mia' } });

describe('comments on the waveform', () => {
  it('places an avatar per positioned comment, tells who said what, and plays from there on click', async () => {
    const { engine, user } = show({
      routes: route(`GET ${listUrl}/markers`, () => json(200, { items: [early, late] })),
    });
    const group = await screen.findByRole('group', { name: 'Comments on the waveform (2)' });
    const first = screen.getByRole('button', { name: 'Linus at 50 seconds: Here it starts. Play from here.' });
    const second = screen.getByRole('button', { name: /^Mia at 2 minutes 30 seconds: The drop/ });
    expect(first.style.left).toBe('25%');
    expect(second.style.left).toBe('75%');
    expect(group.textContent).toContain('The drop');

    await user.click(second);
    await waitFor(() => expect(engine.loads).toHaveLength(1));
    expect(engine.loads[0]!.startMs).toBe(150_000);
  });

  it('is one tab stop; the arrow keys move between markers', async () => {
    const { user } = show({ routes: route(`GET ${listUrl}/markers`, () => json(200, { items: [early, late] })) });
    const first = await screen.findByRole('button', { name: /^Linus at 50 seconds/ });
    const second = screen.getByRole('button', { name: /^Mia at/ });
    expect(first.tabIndex).toBe(0);
    expect(second.tabIndex).toBe(-1);
    first.focus();
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(second);
    expect(second.tabIndex).toBe(0);
    await user.keyboard('{Home}');
    expect(document.activeElement).toBe(first);
  });

  it('draws nothing without positioned comments', async () => {
    show();
    await screen.findByText('No comments yet');
    expect(screen.queryByRole('group', { name: /Comments on the waveform/ })).toBeNull();
  });
});
