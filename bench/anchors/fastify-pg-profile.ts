import Fastify from 'fastify';
import pg from 'pg';

/**
 * Anchor of A: what GET /api/v1/users/:username costs with nothing but
 * Fastify and `pg`. Same database, same statement Kysely generates for
 * UsersRepo.byUsername, same pool size as Veza's default, same JSON out;
 * no hooks, no logging, no auth, no metrics.
 */

/** Exactly what Kysely compiles `selectFrom('users').selectAll().where(sql`lower(username)`, '=', u)` to. */
const BY_USERNAME = 'select * from "users" where lower(username) = $1';

interface UserRow {
  id: string;
  username: string;
  display_name: string | null;
  bio: string | null;
  links: { label: string; url: string }[];
  avatar_key: string | null;
  role: string;
  created_at: Date;
}

const nullableString = { type: ['string', 'null'] };
/** The PublicProfile shape; a response schema is what a minimal Fastify route has anyway (fast serialisation). */
const publicProfile = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    username: { type: 'string' },
    displayName: nullableString,
    bio: nullableString,
    links: {
      type: 'array',
      items: { type: 'object', properties: { label: { type: 'string' }, url: { type: 'string' } } },
    },
    avatarUrl: nullableString,
    role: { type: 'string' },
    createdAt: { type: 'string' },
  },
} as const;

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_MAX ?? 10), // Veza's DATABASE_POOL_MAX default
});

const app = Fastify({ logger: false });

app.get<{ Params: { username: string } }>(
  '/api/v1/users/:username',
  { schema: { response: { 200: publicProfile } } },
  async (req, reply) => {
    const { rows } = await pool.query<UserRow>(BY_USERNAME, [req.params.username.toLowerCase()]);
    const row = rows[0];
    if (!row) return reply.code(404).send({ status: 404 });
    return toPublicProfile(row);
  },
);

/** The same mapping as UsersService's toPublicProfile. */
function toPublicProfile(row: UserRow) {
  const version = row.avatar_key?.split('/').pop()?.split('.')[0]?.slice(0, 8) ?? '';
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    bio: row.bio,
    links: row.links,
    avatarUrl: row.avatar_key ? `/api/v1/users/${encodeURIComponent(row.username)}/avatar?v=${version}` : null,
    role: row.role,
    createdAt: row.created_at.toISOString(),
  };
}

await app.listen({ port: Number(process.env.PORT ?? 8082), host: process.env.HOST ?? '127.0.0.1' });

process.on('SIGTERM', () => {
  void app.close().then(() => pool.end());
});
