import { describe, expect, it } from 'vitest';
import { MODULES } from '@/modules';
import { playsModule } from '@/modules/plays/plays.module';
import { tracksModule } from '@/modules/tracks/tracks.module';
import { usersModule } from '@/modules/users/users.module';
import { ModuleList, defineModule } from '@/platform/module';

describe('the module list', () => {
  it('refuses, when compiling, a module listed before a module whose services it needs', () => {
    // @ts-expect-error plays needs the tracks service, which this list has not built yet
    const misordered = ModuleList.start().add(usersModule).add(playsModule);
    expect(misordered.modules.map((m) => m.name)).toEqual(['users', 'plays']);
    expect(ModuleList.start().add(tracksModule).add(playsModule).modules).toHaveLength(2);
  });

  it('refuses a module listed twice, or one rebuilding another module’s service', () => {
    expect(() => MODULES.add(usersModule as never)).toThrow(/listed twice/);
    const first = defineModule({ name: 'first', build: () => ({ services: { counter: 1 } }) });
    const impostor = defineModule({ name: 'impostor', build: () => ({ services: { counter: 2 } }) });
    expect(() =>
      ModuleList.start()
        .add(first)
        .add(impostor)
        .build({} as never),
    ).toThrow(/rebuilds the service "counter"/);
  });
});
