import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import secureJson from 'secure-json-parse';
import type { FastifyInstance } from 'fastify';
import { BadRequest } from './errors';

/**
 * Bodies are validated strictly (wrong types and unknown fields are errors,
 * never coerced or silently dropped); querystrings, params and headers
 * arrive as text, so they are coerced.
 */
function makeAjv(overrides: Options): Ajv {
  const ajv = new Ajv({
    allErrors: false,
    removeAdditional: false,
    useDefaults: true,
    strict: false,
    ...overrides,
  });
  addFormats(ajv);
  return ajv;
}

export function registerValidation(app: FastifyInstance): void {
  const strict = makeAjv({ coerceTypes: false });
  const coercing = makeAjv({ coerceTypes: 'array' });
  app.setValidatorCompiler(({ schema, httpPart }) => {
    // Multipart bodies are streamed and checked by their handler; the schema only documents them.
    if (httpPart === 'body' && (schema as { 'x-multipart'?: boolean })['x-multipart']) return () => true;
    return httpPart === 'body' ? strict.compile(schema) : coercing.compile(schema);
  });
}

/**
 * Postgres text cannot hold NUL, and no legitimate field needs it: refuse it
 * in JSON bodies at the door rather than fail in SQL (the front door does the URL).
 */
export function registerJsonParser(app: FastifyInstance): void {
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.length === 0) return done(null, undefined);
    try {
      // Same prototype-poisoning guard as Fastify's own parser.
      const parsed: unknown = secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
      if (containsNul(parsed)) return done(nulRejected('body'), undefined);
      done(null, parsed);
    } catch {
      done(new BadRequest('MALFORMED_BODY', 'Malformed request body', 'The body is not valid JSON.'), undefined);
    }
  });
}

function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(containsNul);
  if (value && typeof value === 'object') {
    return Object.entries(value).some(([k, v]) => k.includes('\u0000') || containsNul(v));
  }
  return false;
}

export function nulRejected(where: string): BadRequest {
  return new BadRequest('NUL_CHARACTER', 'Invalid characters', `The ${where} contains a NUL character.`);
}
