import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeServer, json, problem, testApi, type FakeRoutes } from '@/test/fake-api';
import { renderPage } from '@/test/render';
import { aTrack } from '@/test/tracks';
import { SearchBox } from './SearchBox';

const beatles = aTrack({ title: 'Hey Jude', artist: { id: 'a', username: 'the_beatles', displayName: 'The Beatles' } });
const suggestions = {
  items: [
    { kind: 'track', track: beatles },
    {
      kind: 'user',
      user: {
        id: '0b9f1a52-5d62-4d0e-8a43-7f1f2b9d6c02',
        username: 'the_beatles',
        displayName: 'The Beatles',
        avatarUrl: null,
      },
    },
  ],
};

function show(routes: FakeRoutes = {}) {
  const server = fakeServer({
    'GET /api/v1/search/suggest': () => json(200, suggestions),
    ...routes,
  });
  renderPage(<SearchBox />, { api: testApi(server), at: '/' });
  return { server, user: userEvent.setup() };
}

const location = async () => (await screen.findByTestId('location')).textContent;
const input = () => screen.getByRole('combobox', { name: 'Search Veza' });

describe('SearchBox', () => {
  it('suggests while typing, asking once per pause', async () => {
    const { user, server } = show();
    expect(input().getAttribute('aria-expanded')).toBe('false');
    await user.type(input(), 'beetles');
    await screen.findByRole('option', { name: /Hey Jude/ });
    const options = screen.getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual([
      'Hey JudeTrack · The Beatles',
      expect.stringMatching(/The BeatlesProfile · @the_beatles$/),
      'See all results for “beetles”',
    ]);
    expect(input().getAttribute('aria-expanded')).toBe('true');
    const asked = server.calls('GET /api/v1/search/suggest').map((r) => new URL(r.url).searchParams.get('q'));
    expect(asked).toEqual(['beetles']);
  });

  it('moves through the options with the arrows and opens the highlighted one with Enter', async () => {
    const { user } = show();
    await user.type(input(), 'beetles');
    await screen.findAllByRole('option', { name: /Hey Jude/ });
    await user.keyboard('{ArrowDown}');
    const first = screen.getByRole('option', { name: /Hey Jude/ });
    expect(first.getAttribute('aria-selected')).toBe('true');
    expect(input().getAttribute('aria-activedescendant')).toBe(first.id);
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}{ArrowUp}');
    // Down wraps past the last option to the first; Up from the first wraps to the last.
    expect(screen.getByRole('option', { name: /See all/ }).getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{ArrowUp}');
    expect(screen.getByRole('option', { name: /Profile/ }).getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{Enter}');
    expect(await location()).toBe('/u/the_beatles');
  });

  it('goes to the search page on Enter when nothing is highlighted', async () => {
    const { user } = show();
    await user.type(input(), 'hey jude{Enter}');
    expect(await location()).toBe('/search?q=hey%20jude');
  });

  it('closes on Escape, then clears on a second Escape', async () => {
    const { user } = show();
    await user.type(input(), 'beetles');
    await screen.findAllByRole('option', { name: /Hey Jude/ });
    await user.keyboard('{Escape}');
    expect(input().getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect((input() as HTMLInputElement).value).toBe('beetles');
    await user.keyboard('{Escape}');
    expect((input() as HTMLInputElement).value).toBe('');
    await user.keyboard('x{ArrowDown}');
    await waitFor(() => expect(input().getAttribute('aria-expanded')).toBe('true'));
  });

  it('works with the mouse', async () => {
    const { user } = show();
    await user.type(input(), 'beetles');
    await user.click(await screen.findByRole('option', { name: /Hey Jude/ }));
    expect(await location()).toBe(`/tracks/${beatles.id}`);
  });

  it('says when nothing matches, and still offers the full search', async () => {
    const { user } = show({ 'GET /api/v1/search/suggest': () => json(200, { items: [] }) });
    await user.type(input(), 'zzzz');
    expect(await screen.findByText('No quick matches')).toBeTruthy();
    await user.click(screen.getByRole('option', { name: /See all results/ }));
    expect(await location()).toBe('/search?q=zzzz');
  });

  it('keeps working when suggestions fail', async () => {
    const { user } = show({ 'GET /api/v1/search/suggest': () => problem(400, 'SEARCH_QUERY_TOO_LONG') });
    await user.type(input(), 'abc');
    expect(await screen.findByText('Suggestions are unavailable right now')).toBeTruthy();
    await user.keyboard('{Enter}');
    expect(await location()).toBe('/search?q=abc');
  });
});
