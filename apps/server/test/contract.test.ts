import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { createTestApp } from './app';

/**
 * Walks every operation in the OpenAPI document and throws garbage at it:
 * malformed JSON, wrong types, missing and unknown fields, huge strings,
 * injection strings, hostile path and query values; as a stranger and as a
 * signed-in admin. Whatever a route does, bad input gets a 4xx in the one
 * problem+json shape with a request id, never a 5xx. New routes are covered
 * the moment they appear in the spec.
 */
const { app, given } = await createTestApp();
const admin = await given.session(await given.user({ role: 'admin' }));

type Operation = { requestBody?: { content?: Record<string, { schema?: JsonSchema }> }; parameters?: Parameter[] };
type Parameter = { in: string; name: string; required?: boolean; schema?: JsonSchema };
type JsonSchema = { type?: string | string[]; properties?: Record<string, JsonSchema>; required?: string[] };

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

function wrongTypeFor(schema: JsonSchema | undefined): unknown {
  const type = Array.isArray(schema?.type) ? schema?.type[0] : schema?.type;
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

/** Bodies that no schema should accept. */
function garbageBodies(schema: JsonSchema | undefined): { name: string; payload: string }[] {
  const props = Object.entries(schema?.properties ?? {});
  const bodies: { name: string; payload: unknown }[] = [
    { name: 'array', payload: [] },
    { name: 'string', payload: 'hello' },
    { name: 'number', payload: 42 },
    { name: 'null', payload: null },
    { name: 'unknown field', payload: { zzz: 'unknown' } },
  ];
  // Field-wise garbage only means something for a body that has fields.
  if (props.length > 0) {
    bodies.push(
      { name: 'wrong types', payload: Object.fromEntries(props.map(([k, s]) => [k, wrongTypeFor(s)])) },
      { name: 'huge strings', payload: Object.fromEntries(props.map(([k]) => [k, HUGE])) },
      ...INJECTIONS.map((text) => ({
        name: `injection ${text}`,
        payload: Object.fromEntries(props.map(([k]) => [k, text])),
      })),
    );
  }
  if ((schema?.required ?? []).length > 0) bodies.push({ name: 'missing fields', payload: {} });
  return [
    ...bodies.map((b) => ({ name: b.name, payload: JSON.stringify(b.payload) })),
    { name: 'malformed JSON', payload: '{"a": [1, 2' },
    { name: 'trailing garbage', payload: '{} xyz' },
    { name: 'prototype poisoning', payload: '{"__proto__": {"role": "admin"}}' },
  ];
}

function fillPath(path: string, value: string): string {
  return path.replace(/\{[^}]+\}/g, encodeURIComponent(value));
}

function expectCleanRejection(res: LightMyRequestResponse, what: string): void {
  const context = `${what} → ${res.statusCode} ${res.body.slice(0, 300)}`;
  expect(res.statusCode, context).toBeLessThan(500);
  if (res.statusCode >= 400) {
    expect(res.headers['content-type'], context).toMatch(/^application\/problem\+json/);
    const body = res.json();
    expect(body.requestId, context).toEqual(expect.any(String));
    expect(body.status, context).toBe(res.statusCode);
    expect(JSON.stringify(body), context).not.toMatch(/at .*\.ts:\d+|node_modules/);
  }
}

const operations = Object.entries(spec.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
);

describe('contract: garbage in, clean 4xx out', () => {
  it('finds the routes to attack', () => {
    expect(operations.length).toBeGreaterThanOrEqual(12);
  });

  for (const { path, method, op } of operations) {
    const isDev = path.startsWith('/api/v1/dev/');
    describe(`${method} ${path}`, () => {
      for (const [who, headers] of [
        ['stranger', {}],
        ['admin', admin.auth],
      ] as const) {
        const jsonSchema = op.requestBody?.content?.['application/json']?.schema;
        if (jsonSchema) {
          it(`rejects garbage bodies (${who})`, async () => {
            for (const body of garbageBodies(jsonSchema)) {
              const res = await app.inject({
                method,
                url: fillPath(path, 'someone'),
                headers: { ...headers, 'content-type': 'application/json' },
                payload: body.payload,
              });
              expectCleanRejection(res, `${method} ${path} ${body.name}`);
              expect(res.statusCode, `${body.name} must be refused`).toBeGreaterThanOrEqual(400);
            }
          });
        }

        it(`survives hostile path and query values (${who})`, async () => {
          for (const text of [...INJECTIONS, 'a'.repeat(5000), '']) {
            const query = (op.parameters ?? [])
              .filter((p) => p.in === 'query')
              .map((p) => `${p.name}=${encodeURIComponent(text)}`)
              .join('&');
            const url = `${fillPath(path, text)}${query ? `?${query}` : '?zzz=1'}`;
            const res = await app.inject({ method, url, headers });
            expectCleanRejection(res, `${method} ${url.slice(0, 120)}`);
            // Development helpers may legitimately answer; everything else with a bad parameter must refuse.
            if (!isDev && (op.parameters ?? []).some((p) => p.required) && method === 'GET') {
              expect(res.statusCode, `${method} ${url.slice(0, 80)}`).toBeGreaterThanOrEqual(400);
            }
          }
        });

        it(`refuses a wrong content type (${who})`, async () => {
          if (method === 'GET' || method === 'HEAD') return;
          const res = await app.inject({
            method,
            url: fillPath(path, 'someone'),
            headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
            payload: 'a=1&b=2',
          });
          expectCleanRejection(res, `${method} ${path} form-encoded`);
          expect(res.statusCode).toBeGreaterThanOrEqual(400);
        });
      }
    });
  }
});
