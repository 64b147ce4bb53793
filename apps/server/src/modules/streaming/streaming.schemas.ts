import { Type, type Static } from '@sinclair/typebox';

export const StreamLink = Type.Object(
  {
    url: Type.String({
      description:
        'Path of the HLS master playlist on this server, token included. Every playlist and segment it leads to carries the same token.',
    }),
    expiresAt: Type.String({
      format: 'date-time',
      description: 'When the token stops opening files; ask for a new link before then to keep playing.',
    }),
  },
  { description: 'A signed link to play a track' },
);
export type StreamLink = Static<typeof StreamLink>;

/** Any text: a malformed id is answered like a missing track (404), not a validation error. */
export const TrackIdParams = Type.Object(
  { id: Type.String({ description: 'Track id (UUID)' }) },
  { additionalProperties: false },
);

// Delivery routes (hidden from the OpenAPI document). Each path part is
// checked against a strict pattern before any storage key is built from it,
// so no traversal or odd name reaches the storage adapter.
export const TRACK_ID_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
export const RENDITION_PATTERN = '^[a-z0-9]{1,16}$';
export const SEGMENT_PATTERN = '^seg_[0-9]{5}\\.ts$';

export const MasterParams = Type.Object(
  { trackId: Type.String({ pattern: TRACK_ID_PATTERN }) },
  { additionalProperties: false },
);
export const VariantParams = Type.Object(
  { trackId: Type.String({ pattern: TRACK_ID_PATTERN }), rendition: Type.String({ pattern: RENDITION_PATTERN }) },
  { additionalProperties: false },
);
export const SegmentParams = Type.Object(
  {
    trackId: Type.String({ pattern: TRACK_ID_PATTERN }),
    rendition: Type.String({ pattern: RENDITION_PATTERN }),
    segment: Type.String({ pattern: SEGMENT_PATTERN }),
  },
  { additionalProperties: false },
);
/** Optional in the schema so a missing token is a 403 like a bad one, not a 400. */
export const TokenQuery = Type.Object({ token: Type.Optional(Type.String()) });
