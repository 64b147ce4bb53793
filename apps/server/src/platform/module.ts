import type { FastifyInstance } from 'fastify';
import type { Subscriptions } from '@/platform/events/outbox';
import type { FirstLook } from '@/platform/http/http-server';
import type { JobSpec } from '@/platform/jobs/queue';
import type { RouteMetrics } from '@/platform/metrics/route-metrics';
import type { Platform } from '@/platform/platform';

/** A module's jobs by name; the module's own `JobSpecs<ItsJobs>` demands a handler for each. */
export type ModuleJobs = Record<string, JobSpec<never>>;

/** What the stream role lends a module: its own context, and the hook that answers before Fastify. */
export interface StreamHttp {
  app: FastifyInstance;
  answerFirst: (firstLook: FirstLook) => void;
  /** The per-route request metrics, for answers given before Fastify. */
  routeMetrics: RouteMetrics;
  /** True once the server is closing: answers before Fastify must stop. */
  closing: () => boolean;
}

/** What one module hands to the app, the worker and the other modules. */
export interface ModuleParts<Services extends object> {
  /** Services later modules (and the CLI) may use; a module reaches another only through these. */
  services: Services;
  /** Routes in the API context (CORS, access control: every route declares `config.access`). */
  api?: (api: FastifyInstance) => Promise<void> | void;
  /** Routes in the stream role's context: no API hooks, the URL's token is the only credential. */
  stream?: (http: StreamHttp) => Promise<void> | void;
  jobs?: ModuleJobs;
  /** Durable events this module acts on, delivered at least once, acted on once (outbox receipts). */
  subscriptions?: Subscriptions;
}

/**
 * One folder's worth of the server: `build` takes the platform adapters and
 * the services of the modules listed before it (`Needs`) and answers its
 * parts. `Needs` is checked against the list's order at compile time.
 */
export interface AppModule<Needs extends object, Services extends object> {
  name: string;
  build: (platform: Platform, needs: Needs) => ModuleParts<Services>;
}

/** Identity, for inference: `Needs` from `build`'s parameter, `Services` from its answer. */
export function defineModule<Needs extends object, Services extends object>(
  module: AppModule<Needs, Services>,
): AppModule<Needs, Services> {
  return module;
}

/**
 * The ordered module list. Each `add` demands that what the module needs
 * was built by a module before it, and widens the services type, so
 * `container.services` is inferred from the list.
 */
export class ModuleList<Services extends object> {
  private constructor(readonly modules: readonly AppModule<never, object>[]) {}

  static start(): ModuleList<object> {
    return new ModuleList([]);
  }

  add<Built extends object>(module: AppModule<Services, Built>): ModuleList<Services & Built> {
    if (this.modules.some((m) => m.name === module.name)) throw new Error(`module ${module.name} listed twice`);
    return new ModuleList<Services & Built>([...this.modules, module]);
  }

  /** Builds every module in order; each sees the services of those before it. */
  build(platform: Platform): { services: Services; parts: (ModuleParts<object> & { name: string })[] } {
    let services: object = {};
    const parts: (ModuleParts<object> & { name: string })[] = [];
    for (const module of this.modules) {
      const built = module.build(platform, services as never);
      for (const name of Object.keys(built.services)) {
        if (name in services) throw new Error(`module ${module.name} rebuilds the service "${name}"`);
      }
      services = { ...services, ...built.services };
      parts.push({ ...built, name: module.name });
    }
    return { services: services as Services, parts };
  }
}
