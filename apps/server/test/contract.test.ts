import { randomUUID } from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { createTestApp } from './app';

/**
 * Walks every operation in the OpenAPI document and holds the server to it:
 * garbage bodies, hostile path and query values and wrong content types, as
 * a stranger and as a signed-in admin, get a 4xx in the one problem+json
 * shape, never a 5xx; every status answered is one the operation declares;
 * and each operation's security requirement (derived from its
 * `config.access`) is enforced: no token is 401, a role the caller lacks is
 * 403, a session cookie without its CSRF token is 403. New routes are covered
 * the moment they appear in the document.
 */
const { app, given } = await createTestApp();
const admin = await given.session(await given.user({ role: 'admin' }));

interface JsonSchema {
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minLength?: number;
  minimum?: number;
  minItems?: number;
  minProperties?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
}
interface Parameter {
  in: string;
  name: string;
  required?: boolean;
  schema?: JsonSchema;
}
interface Operation {
  operationId: string;
  security?: Record<string, string[]>[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  parameters?: Parameter[];
  responses: Record<string, unknown>;
}

const spec = (await app.inject({ url: '/api/v1/openapi.json' })).json<{
  paths: Record<string, Record<string, Operation>>;
}>();

const INJECTIONS = [
  "' OR '1'='1' --",
  '"; DROP TABLE users; --',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '${jndi:ldap://x}',
  '\u0000\u0001\uffff',
  '%00%ff',
  '{{7*7}}',
];
const HUGE = 'x'.repeat(200_000);
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Every role there is, as the account schema lists them. */
const ROLES = enumValues(
  (
    spec.paths['/api/v1/me']?.get?.responses['200'] as {
      content: { 'application/json': { schema: JsonSchema } };
    }
  ).content['application/json'].schema.properties?.role,
);

function enumValues(schema: JsonSchema | undefined): string[] {
  if (!schema) return [];
  const values = schema.enum ?? (schema.const === undefined ? [] : [schema.const]);
  if (values.length) return values.filter((v) => typeof v === 'string');
  return [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].flatMap(enumValues);
}

/** Text that passes a string schema: the first of a few candidates that fits its pattern. */
function sampleString(schema: JsonSchema): string {
  switch (schema.format) {
    case 'uuid':
      return randomUUID();
    case 'email':
      return `nobody.${randomUUID().slice(0, 8)}@example.test`;
    case 'date-time':
      return new Date().toISOString();
    case 'uri':
      return 'https://example.test/';
    default:
      break;
  }
  const length = Math.max(schema.minLength ?? 0, 12);
  const candidates = ['n'.repeat(length), `https://example.test/${'n'.repeat(length)}`];
  const pattern = schema.pattern ? new RegExp(schema.pattern, 'u') : undefined;
  return candidates.find((c) => !pattern || pattern.test(c)) ?? candidates[0]!;
}

/** A value the schema accepts, with only what it requires: a request that gets past validation. */
function sample(schema: JsonSchema | undefined): unknown {
  if (!schema) return undefined;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const alternative = schema.anyOf?.[0] ?? schema.oneOf?.[0];
  if (alternative) return sample(alternative);
  const type = [schema.type ?? 'object'].flat()[0];
  switch (type) {
    case 'string':
      return sampleString(schema);
    case 'integer':
    case 'number':
      return schema.minimum ?? 0;
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => sample(schema.items));
    default: {
      const props = Object.keys(schema.properties ?? {});
      const required = schema.required ?? [];
      // Optional fields as needed to reach minProperties (a PATCH must change something).
      const chosen = [...required, ...props.filter((p) => !required.includes(p))].slice(
        0,
        Math.max(required.length, schema.minProperties ?? 0),
      );
      return Object.fromEntries(chosen.map((p) => [p, sample(schema.properties?.[p])]));
    }
  }
}

function wrongTypeFor(schema: JsonSchema | undefined): unknown {
  const type = [schema?.type ?? schema?.anyOf?.[0]?.type].flat()[0];
  switch (type) {
    case 'string':
      return 12345;
    case 'integer':
    case 'number':
      return 'not a number';
    case 'boolean':
      return 'yes';
    case 'array':
      return { not: 'an array' };
    default:
      return ['unexpected'];
  }
}

/** Bodies that no schema accepts (`refused`), and hostile field values that it may (`hostile`). */
function garbageBodies(schema: JsonSchema): { name: string; payload: string; refused: boolean }[] {
  const props = Object.entries(schema.properties ?? {});
  const refused: { name: string; payload: unknown }[] = [
    { name: 'array', payload: [] },
    { name: 'string', payload: 'hello' },
    { name: 'number', payload: 42 },
    { name: 'null', payload: null },
    { name: 'unknown field', payload: { ...(sample(schema) as object), zzz: 'unknown' } },
  ];
  const hostile: { name: string; payload: unknown }[] = [];
  // Field-wise garbage only means something for a body that has fields.
  if (props.length > 0) {
    refused.push({ name: 'wrong types', payload: Object.fromEntries(props.map(([k, s]) => [k, wrongTypeFor(s)])) });
    hostile.push(
      { name: 'huge strings', payload: Object.fromEntries(props.map(([k]) => [k, HUGE])) },
      ...INJECTIONS.map((text) => ({
        name: `injection ${text}`,
        payload: Object.fromEntries(props.map(([k]) => [k, text])),
      })),
    );
  }
  if ((schema.required ?? []).length > 0) refused.push({ name: 'missing fields', payload: {} });
  return [
    ...refused.map((b) => ({ name: b.name, payload: JSON.stringify(b.payload), refused: true })),
    ...hostile.map((b) => ({ name: b.name, payload: JSON.stringify(b.payload), refused: false })),
    { name: 'malformed JSON', payload: '{"a": [1, 2', refused: true },
    { name: 'trailing garbage', payload: '{} xyz', refused: true },
    { name: 'prototype poisoning', payload: '{"__proto__": {"role": "admin"}}', refused: true },
  ];
}

interface Op {
  path: string;
  method: string;
  op: Operation;
}

/** The operation's URL with valid parameters (random ids that exist nowhere), or `text` in each of them. */
function urlOf({ path, op }: Op, text?: string): string {
  const params = op.parameters ?? [];
  const value = (p: Parameter) => (text === undefined ? String(sample(p.schema)) : text);
  const filled = path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const param = params.find((p) => p.in === 'path' && p.name === name);
    return encodeURIComponent(param ? value(param) : name);
  });
  const query = params
    .filter((p) => p.in === 'query' && (p.required || text !== undefined))
    .map((p) => `${p.name}=${encodeURIComponent(value(p))}`);
  return query.length ? `${filled}?${query.join('&')}` : filled;
}

/** Sends a request to an operation: whatever it answers must be clean, and declared by the operation. */
async function call(target: Op, request: Omit<InjectOptions, 'method'>, what: string) {
  const res = await app.inject({ method: target.method as 'GET', ...request });
  const context = `${target.method} ${target.path} ${what} → ${res.statusCode} ${res.body.slice(0, 300)}`;
  expect(res.statusCode, context).toBeLessThan(500);
  expect(Object.keys(target.op.responses), `${context}: undeclared status`).toContain(String(res.statusCode));
  if (res.statusCode >= 400) {
    expect(res.headers['content-type'], context).toMatch(/^application\/problem\+json/);
    const body = res.json();
    expect(body.requestId, context).toEqual(expect.any(String));
    expect(body.status, context).toBe(res.statusCode);
    expect(JSON.stringify(body), context).not.toMatch(/at .*\.ts:\d+|node_modules/);
  }
  return res;
}

function expectStatus(res: LightMyRequestResponse, status: number, code?: string): void {
  const context = `${res.statusCode} ${res.body.slice(0, 300)}`;
  expect(res.statusCode, context).toBe(status);
  if (code) expect(res.json<{ code: string }>().code, context).toBe(code);
}

const operations: Op[] = Object.entries(spec.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
);

describe('contract: the server answers as the document says', () => {
  it('finds the routes to attack, and knows the roles', () => {
    expect(operations.length).toBeGreaterThanOrEqual(30);
    expect(ROLES).toEqual(expect.arrayContaining(['listener', 'artist', 'admin']));
  });

  for (const target of operations) {
    const { path, method, op } = target;
    const jsonSchema = op.requestBody?.content?.['application/json']?.schema;
    const security = op.security ?? [];
    const bearer = security.filter((s) => 'bearerAuth' in s);
    const session = security.some((s) => 'sessionCookie' in s);

    describe(`${op.operationId}: ${method} ${path}`, () => {
      for (const [who, headers] of [
        ['stranger', {}],
        ['admin', admin.auth],
      ] as const) {
        if (jsonSchema) {
          it(`rejects garbage bodies (${who})`, async () => {
            for (const body of garbageBodies(jsonSchema)) {
              const res = await call(
                target,
                {
                  url: urlOf(target),
                  headers: { ...headers, 'content-type': 'application/json' },
                  payload: body.payload,
                },
                body.name,
              );
              if (body.refused) {
                expect(res.statusCode, `${body.name} must be refused`).toBe(400);
                // Parameters are valid, so it is the body that was judged.
                const problem = res.json<{ code: string; errors?: { path: string }[] }>();
                if (problem.code === 'VALIDATION_FAILED') expect(problem.errors?.[0]?.path).toMatch(/^body/);
              }
            }
          });
        }

        it(`survives hostile path and query values (${who})`, async () => {
          const hasParams = (op.parameters ?? []).length > 0;
          for (const text of [...INJECTIONS, 'a'.repeat(5000), '']) {
            // An empty path parameter would address another route.
            if (text === '' && path.includes('{')) continue;
            const url = hasParams ? urlOf(target, text) : `${urlOf(target)}?zzz=${encodeURIComponent(text)}`;
            const res = await call(target, { url, headers }, `at ${url.slice(0, 100)}`);
            if ((op.parameters ?? []).some((p) => p.in === 'path') && text !== '') {
              expect(res.statusCode, `${method} ${url.slice(0, 80)}`).toBeGreaterThanOrEqual(400);
            }
          }
        });

        if (BODY_METHODS.has(method)) {
          it(`refuses a wrong content type (${who})`, async () => {
            const res = await call(
              target,
              {
                url: urlOf(target),
                headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
                payload: 'a=1&b=2',
              },
              'form-encoded',
            );
            expectStatus(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
          });
        }
      }

      if (bearer.length > 0) {
        // Past validation with a body the schema accepts, so that access control is what answers.
        const valid = jsonSchema
          ? { headers: { 'content-type': 'application/json' }, payload: JSON.stringify(sample(jsonSchema)) }
          : {};
        it('refuses a request without a token: 401', async () => {
          const res = await call(target, { url: urlOf(target), ...valid }, 'without a token');
          expectStatus(res, 401, 'UNAUTHORIZED');
        });

        const allowed = new Set(bearer.flatMap((s) => s.bearerAuth ?? []));
        const lacking = allowed.size > 0 ? ROLES.find((role) => !allowed.has(role)) : undefined;
        if (lacking) {
          it(`refuses a ${lacking}: 403`, async () => {
            const caller = await given.session(await given.user({ role: lacking as 'listener' }));
            const res = await call(
              target,
              { url: urlOf(target), ...valid, headers: { ...caller.auth, ...valid.headers } },
              `as ${lacking}`,
            );
            expectStatus(res, 403, 'FORBIDDEN');
          });
        }
      }

      if (session) {
        it('refuses the session cookie without its CSRF token: 403', async () => {
          const res = await call(
            target,
            { url: urlOf(target), headers: { cookie: 'veza_refresh=stolen; veza_csrf=stolen' } },
            'cookie without CSRF header',
          );
          expectStatus(res, 403, 'CSRF_REJECTED');
        });
      }
    });
  }
});
