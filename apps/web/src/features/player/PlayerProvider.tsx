import { useEffect, useState, type ReactNode } from 'react';
import { useApi } from '@/api';
import type { AudioEngine } from './audio-engine';
import { createHlsEngine } from './hls-engine';
import { connectMediaSession } from './media-session';
import { PlayReporter, randomUuid } from './play-reporter';
import { playerApi } from './player.api';
import { commandFor } from './player.commands';
import { PlayerContext } from './player.context';
import { browserStorage } from './player.prefs';
import { PlayerStore } from './player.store';

interface PlayerProviderProps {
  children: ReactNode;
  /** Tests pass a fake: jsdom cannot play audio. */
  createEngine?: () => AudioEngine;
}

/** One player for the whole app: mounted in the layout, above the routes, so navigating never stops it. */
export function PlayerProvider({ children, createEngine = createHlsEngine }: PlayerProviderProps) {
  const api = useApi();
  const [player] = useState(() => {
    const calls = playerApi(api);
    return new PlayerStore({
      streamUrl: calls.streamUrl,
      reporter: new PlayReporter({
        report: calls.reportPlay,
        now: () => Date.now(),
        newSessionId: randomUuid,
      }),
      storage: browserStorage(),
    });
  });

  // Taken once: a new factory on a re-render must not swap the <audio> mid-song.
  const [makeEngine] = useState(() => createEngine);
  // The engine is made in the effect so StrictMode's mount–unmount–mount leaves exactly one live <audio>.
  useEffect(() => player.connect(makeEngine()), [player, makeEngine]);

  useEffect(() => {
    const mediaSession = connectMediaSession(player);
    mediaSession.sync(player.getState());
    const unsubscribe = player.subscribe(() => mediaSession.sync(player.getState()));
    return () => {
      unsubscribe();
      mediaSession.dispose();
    };
  }, [player]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const command = commandFor(event, player.getState());
      if (!command) return;
      event.preventDefault(); // Space would scroll the page
      command.perform(player);
    };
    const onHide = () => player.flushReports();
    window.addEventListener('keydown', onKey);
    window.addEventListener('pagehide', onHide);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pagehide', onHide);
    };
  }, [player]);

  return <PlayerContext value={player}>{children}</PlayerContext>;
}
