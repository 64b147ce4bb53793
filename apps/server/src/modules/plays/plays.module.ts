import type { TracksService } from '@/modules/tracks/tracks.service';
import { defineModule } from '@/platform/module';
import { registerPlaysRoutes } from './plays.routes';
import { PlaysService } from './plays.service';

export const playsModule = defineModule({
  name: 'plays',
  build: (p, { tracks }: { tracks: TracksService }) => {
    const plays = new PlaysService({
      db: p.db,
      clock: p.clock,
      tracks,
      rateLimiters: p.rateLimiters,
      settings: { sessionsPerIpHour: p.config.quotas.playSessionsPerIpHour },
    });
    return { services: { plays }, api: (api) => registerPlaysRoutes(api, { plays }) };
  },
});
