import { stdSerializers } from 'pino';

/**
 * Errors as pino writes them, without the database client `pg` hangs on
 * its errors: tens of kilobytes of pool and socket state per line (type
 * tables, queues, connection parameters), never what the reader needs,
 * and one more place a connection detail could leak from.
 */
export function serializeError(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  const { client: _client, ...rest } = stdSerializers.err(err) as ReturnType<typeof stdSerializers.err> & {
    client?: unknown;
  };
  return rest;
}
