import { unwrap, type Api } from '@/api';
import type { PlayReport } from './play-reporter';

/** The two calls the player makes: a signed stream link, and play reports. */
export function playerApi({ client, baseUrl }: Api) {
  return {
    streamUrl: async (trackId: string): Promise<string> => {
      const link = await unwrap(client.GET('/api/v1/tracks/{id}/stream', { params: { path: { id: trackId } } }));
      return `${baseUrl}${link.url}`;
    },
    // keepalive: the report sent as the tab closes still reaches the server.
    reportPlay: (trackId: string, body: PlayReport): Promise<unknown> =>
      unwrap(client.POST('/api/v1/tracks/{id}/plays', { params: { path: { id: trackId } }, body, keepalive: true })),
  };
}
