import { sql, type ExpressionBuilder, type QueryCreator, type RawBuilder } from 'kysely';
import type { Clock } from '@/platform/clock/clock';
import type { Db, DbOrTx } from '@/platform/db/db';
import type { Database } from '@/platform/db/schema';
import {
  InvalidSearchCursor,
  type SearchDocument,
  type SearchFilters,
  type SearchHit,
  type SearchHits,
  type SearchIndex,
  type SearchKind,
  type SearchPageRequest,
  type SearchSort,
} from './search-index';
import { searchWords } from './search-words';

/**
 * A correction is at most this many single-letter edits away (a swap is
 * two), the fewest first: "beetles" to "beatles" is one, "coldpaly" to
 * "coldplay" two.
 */
const TYPO_EDITS = 2;
/** Words this long or longer are matched for typos too. */
const TYPO_MIN_LETTERS = 5;
/** Vocabulary words OR'd with a typed word, the fewest edits away first: few, so a loose match adds little noise. */
const CORRECTIONS = 3;
/**
 * A correction is one typo away in length: a letter wrong or swapped (as
 * long), missing or extra (one letter off). It also keeps short common
 * words out ("theue" is two edits from "the"), whose documents are what a
 * typo branch can least afford to read: "the" is in half the titles.
 */
const CORRECTION_LENGTH_CHANGE = 1;
/** The shortest word a typed word of TYPO_MIN_LETTERS may be corrected to: shorter ones are not kept. */
const VOCABULARY_MIN_LETTERS = TYPO_MIN_LETTERS - CORRECTION_LENGTH_CHANGE;
/** Offset pagination: search pages are read from the top, and deep offsets are refused rather than slow. */
const MAX_OFFSET = 1000;
/** The last word is taken as a prefix from this length on. */
const PREFIX_MIN_LETTERS = 4;
/**
 * Ranked search's candidates: documents holding the words (whichever the
 * index yields first), titles starting with the query (in order), typos.
 */
const FULL_TEXT_CANDIDATES = 200;
const PREFIX_CANDIDATES = 50;
const TYPO_CANDIDATES = 200;
/** Typos are looked for when the words as typed find fewer documents than this. */
const TYPOS_BELOW = 10;

type Eb = ExpressionBuilder<Database, 'search_documents'>;

/** The Postgres adapter: full text (tsvector, GIN) plus trigrams (pg_trgm, GIN) over `search_documents`. */
export class PostgresSearchIndex implements SearchIndex {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  index(doc: SearchDocument): Promise<void> {
    return this.indexMany([doc]);
  }

  /**
   * The documents, and the words of their titles and artists into the
   * vocabulary, in one statement: a document is never findable by typo
   * before its words are there. The words go in sorted, so two writers
   * adding the same new words take their locks in the same order. Words
   * the replaced versions held and no document holds any more go (see
   * pruneVocabulary), in the same transaction.
   */
  async indexMany(docs: readonly SearchDocument[], trx?: DbOrTx): Promise<void> {
    if (docs.length === 0) return;
    await inTransaction(trx ?? this.db, async (db) => {
      const { words: replaced } = await db
        .with('docs', (qc) =>
          qc
            .selectFrom('search_documents')
            .select('document')
            .where((eb) => eb.or(docs.map((d) => eb.and([eb('kind', '=', d.kind), eb('id', '=', d.id)])))),
        )
        .selectNoFrom(wordsAndCount())
        .executeTakeFirstOrThrow();
      await this.write(docs, db);
      await pruneVocabulary(db, replaced);
    });
  }

  private async write(docs: readonly SearchDocument[], db: DbOrTx): Promise<void> {
    const now = this.clock.now();
    const written = (db: QueryCreator<Database>) =>
      db
        .insertInto('search_documents')
        .values(
          docs.map((doc) => ({
            kind: doc.kind,
            id: doc.id,
            owner_id: doc.ownerId,
            visibility: doc.visibility,
            available: doc.available,
            title: doc.title,
            subtitle: doc.subtitle,
            genre: doc.genre?.toLowerCase() ?? null,
            tags: doc.tags.map((t) => t.toLowerCase()),
            duration_ms: doc.durationMs,
            popularity: doc.popularity,
            published_at: doc.publishedAt,
            document: weightedDocument(doc),
            fuzzy: sql<string>`lower(unaccent(${[doc.title, doc.subtitle ?? ''].join(' ')}))`,
            hot: inFirstTier(doc),
            indexed_at: now,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['kind', 'id']).doUpdateSet((eb) => ({
            owner_id: eb.ref('excluded.owner_id'),
            visibility: eb.ref('excluded.visibility'),
            available: eb.ref('excluded.available'),
            title: eb.ref('excluded.title'),
            subtitle: eb.ref('excluded.subtitle'),
            genre: eb.ref('excluded.genre'),
            tags: eb.ref('excluded.tags'),
            duration_ms: eb.ref('excluded.duration_ms'),
            popularity: eb.ref('excluded.popularity'),
            published_at: eb.ref('excluded.published_at'),
            document: eb.ref('excluded.document'),
            fuzzy: eb.ref('excluded.fuzzy'),
            hot: eb.ref('excluded.hot'),
            indexed_at: eb.ref('excluded.indexed_at'),
          })),
        )
        .returning('document');
    await db
      .with('written', written)
      .insertInto('search_vocabulary')
      .columns(['word'])
      .expression(
        sql`select distinct word from "written", ${titleWords(sql.ref('document'))} as word
          where length(word) >= ${sql.lit(VOCABULARY_MIN_LETTERS)} order by word`,
      )
      .onConflict((oc) => oc.column('word').doNothing())
      .execute();
  }

  /**
   * Moves the first tier to the `size` most played tracks (the newest
   * first among equals), and the tracks that crossed its edge to their
   * tier: how many documents a common word's candidates are read from
   * stays `size` however large the catalogue grows. A document written
   * meanwhile is placed by the edge it read; the next run puts it right.
   */
  async refreshHotTier(size: number): Promise<{ moved: number }> {
    return this.db.transaction().execute(async (trx) => {
      const edge = await trx
        .selectFrom('search_documents')
        .select(['popularity', 'published_at'])
        .where('kind', '=', 'track')
        .orderBy('popularity', 'desc')
        .orderBy('published_at', 'desc')
        .offset(size - 1)
        .limit(1)
        .executeTakeFirst();
      // No edge while there are fewer tracks than the tier holds: every track is in it.
      const tier = edge
        ? { min_popularity: edge.popularity, min_published_at: edge.published_at }
        : { min_popularity: -1, min_published_at: new Date(0) };
      await trx
        .updateTable('search_hot_tier')
        .set({ ...tier, refreshed_at: this.clock.now() })
        .execute();
      const moved = await trx
        .updateTable('search_documents')
        .set((eb) => ({ hot: eb.not(eb.ref('hot')) }))
        .where('kind', '=', 'track')
        .where(
          sql<boolean>`hot <> ((popularity, published_at) >= (${tier.min_popularity}::bigint, ${tier.min_published_at}::timestamptz))`,
        )
        .executeTakeFirst();
      return { moved: Number(moved.numUpdatedRows) };
    });
  }

  async remove(kind: SearchKind, id: string): Promise<void> {
    await this.removeWhere((eb) => eb.and([eb('kind', '=', kind), eb('id', '=', id)]));
  }

  removeIndexedBefore(kind: SearchKind, before: Date): Promise<number> {
    return this.removeWhere((eb) => eb.and([eb('kind', '=', kind), eb('indexed_at', '<', before)]));
  }

  /** Deletes documents, and the words only they held, in one transaction; how many documents went. */
  private removeWhere(which: (eb: Eb) => ReturnType<Eb['and']>): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const { words, rows } = await trx
        .with('docs', (qc) => qc.deleteFrom('search_documents').where(which).returning('document'))
        .selectNoFrom(wordsAndCount())
        .executeTakeFirstOrThrow();
      await pruneVocabulary(trx, words);
      return rows;
    });
  }

  async query(q: string, filters: SearchFilters, page: SearchPageRequest): Promise<SearchHits> {
    const words = searchWords(q);
    if (words.length === 0) return { hits: [], nextCursor: null };
    const offset = page.cursor ? decodeCursor(page.cursor, filters.kind, page.sort) : 0;
    const rows = await this.matching(words, page.limit + 1, offset, page.sort, (eb) => {
      const conditions = [eb('kind', '=', filters.kind), findableBy(eb, filters.viewerId)];
      if (filters.excludeOwnerIds?.length) conditions.push(notOwnedBy(eb, filters.excludeOwnerIds));
      if (filters.genre !== undefined) conditions.push(eb('genre', '=', filters.genre.toLowerCase()));
      if (filters.tag !== undefined) conditions.push(eb(eb.val(filters.tag.toLowerCase()), '=', eb.fn.any('tags')));
      if (filters.minDurationMs !== undefined) conditions.push(eb('duration_ms', '>=', filters.minDurationMs));
      if (filters.maxDurationMs !== undefined) conditions.push(eb('duration_ms', '<=', filters.maxDurationMs));
      return eb.and(conditions);
    });
    const next = offset + page.limit;
    return {
      hits: rows.slice(0, page.limit),
      nextCursor: rows.length > page.limit && next <= MAX_OFFSET ? encodeCursor(filters.kind, page.sort, next) : null,
    };
  }

  async suggest(
    q: string,
    opts: { viewerId: string | null; limit: number; excludeOwnerIds?: readonly string[] | undefined },
  ): Promise<SearchHit[]> {
    const words = searchWords(q);
    if (words.length === 0) return [];
    const excluded = opts.excludeOwnerIds ?? [];
    return this.matching(words, opts.limit, 0, 'relevance', (eb) =>
      eb.and([findableBy(eb, opts.viewerId), ...(excluded.length > 0 ? [notOwnedBy(eb, excluded)] : [])]),
    );
  }

  /**
   * Documents matching every word (the last also as a prefix, being typed:
   * "bohem" finds "Bohemian"; see tsqueryText), or, for typos, every word
   * or one of its corrections from the vocabulary (see correctedTsquery).
   * Relevance adds the weighted full-text rank, the trigram likeness of the
   * query to the title and artist, and a bonus when the title starts with
   * the query.
   */
  private matching(
    words: string[],
    limit: number,
    offset: number,
    sort: SearchSort,
    where: (eb: Eb) => ReturnType<Eb['and']>,
  ): Promise<SearchHit[]> {
    const terms: Terms = {
      tsquery: sql`to_tsquery('simple', unaccent(${tsqueryText(words)}))`,
      corrected: correctedTsquery(words),
      text: sql`lower(unaccent(${words.join(' ')}))`,
      // A typo of a short word is another short word ("cor": "car", "cry"): noise that matched tens of thousands.
      typos: words.some((w) => w.length >= TYPO_MIN_LETTERS),
    };
    // One statement, no transaction: nothing is set for it, and the planner picks the scans (the corrected
    // query, only known once the statement has read the vocabulary, is planned from a guess of few documents,
    // which has it ask the full-text index, as it should).
    if (sort === 'relevance') return ranked(this.db, terms, limit, offset, where);
    return everyMatch(this.db, terms, limit, offset, sort, where);
  }
}

interface Terms {
  /** The words as typed. */
  tsquery: RawBuilder<unknown>;
  /** The words as typed or corrected: a subquery, run only by a statement that reaches it. */
  corrected: RawBuilder<unknown>;
  text: RawBuilder<unknown>;
  typos: boolean;
}

/**
 * Best first, ranking a bounded set of candidates rather than every match,
 * so a common word costs about what a rare one does: some documents
 * holding the words (from the first tier, the most played, and from the
 * rest only when the first yields too few: see search_hot_tier), those
 * whose title starts with the query (the prefix index, in order: an exact
 * title always among them), and, when the words as typed find almost
 * nothing, typos of them. Pages are cut from those candidates, so the
 * deepest page is bounded too.
 */
async function ranked(
  trx: DbOrTx,
  { tsquery, corrected, text, typos }: Terms,
  limit: number,
  offset: number,
  where: (eb: Eb) => ReturnType<Eb['and']>,
): Promise<SearchHit[]> {
  const relevance = sql<number>`ts_rank(document, ${tsquery}) + word_similarity(${text}, fuzzy)
        + CASE WHEN fuzzy LIKE ${text} || '%' THEN 0.5 ELSE 0 END`;
  const candidates = () =>
    trx
      .selectFrom('search_documents')
      .select(['kind', 'id', 'popularity', relevance.as('relevance')])
      .where(where);
  return trx
    .with('hot_text', () =>
      candidates()
        .where(sql<boolean>`hot`)
        .where(sql<boolean>`document @@ ${tsquery}`)
        .limit(FULL_TEXT_CANDIDATES),
    )
    .with('cold_text', () =>
      candidates()
        .where(sql<boolean>`not hot`)
        .where(sql<boolean>`document @@ ${tsquery}`)
        .where(sql<boolean>`(select count(*) from "hot_text") < ${sql.lit(FULL_TEXT_CANDIDATES)}`)
        .limit(FULL_TEXT_CANDIDATES),
    )
    .with('full_text', (db) => db.selectFrom('hot_text').selectAll().unionAll(db.selectFrom('cold_text').selectAll()))
    .with('prefixed', () =>
      candidates()
        .where(sql<boolean>`fuzzy ~>=~ ${text}`)
        .where(sql<boolean>`fuzzy ~<~ (${text} || chr(1114111))`)
        .orderBy(sql`fuzzy using ~<~`)
        .limit(PREFIX_CANDIDATES),
    )
    .with('typos', () =>
      candidates()
        .where(sql<boolean>`document @@ ${corrected}`)
        .where(sql<boolean>`${typos} AND (select count(*) from "full_text") < ${sql.lit(TYPOS_BELOW)}`)
        .limit(TYPO_CANDIDATES),
    )
    .selectFrom((eb) =>
      eb
        .selectFrom('full_text')
        .selectAll()
        .unionAll(eb.selectFrom('prefixed').selectAll())
        .unionAll(eb.selectFrom('typos').selectAll())
        .as('candidates'),
    )
    .select(['kind', 'id'])
    .groupBy(['kind', 'id'])
    .orderBy(sql`max(relevance)`, 'desc')
    .orderBy(sql`max(popularity)`, 'desc')
    .orderBy('id')
    .limit(limit)
    .offset(offset)
    .execute();
}

/**
 * Newest or most played first: every match is a candidate, since any of
 * them may be the newest. Only a column orders them (plays break ties by
 * relevance), so nothing is ranked that the order does not need.
 */
function everyMatch(
  trx: DbOrTx,
  { tsquery, corrected, text, typos }: Terms,
  limit: number,
  offset: number,
  sort: Exclude<SearchSort, 'relevance'>,
  where: (eb: Eb) => ReturnType<Eb['and']>,
): Promise<SearchHit[]> {
  let query = trx
    .selectFrom('search_documents')
    .select(['kind', 'id'])
    .where(where)
    .where(sql<boolean>`document @@ ${typos ? corrected : tsquery}`);
  if (sort === 'newest') query = query.orderBy('published_at', 'desc');
  else {
    const relevance = sql<number>`ts_rank(document, ${tsquery}) + word_similarity(${text}, fuzzy)
        + CASE WHEN fuzzy LIKE ${text} || '%' THEN 0.5 ELSE 0 END`;
    query = query.orderBy('popularity', 'desc').orderBy(relevance, 'desc');
  }
  return query.orderBy('id').limit(limit).offset(offset).execute();
}

/**
 * Every word whole but the last, which may still be being typed: a prefix
 * from PREFIX_MIN_LETTERS on. A prefix reads the postings of every word it
 * starts, and a short one starts most of the corpus ("nig:*": night,
 * nights, nightmare… 66,000 documents at 1M tracks, 22 ms where 10k take
 * 0.2): so "nig" is a word here, and titles starting with it still come,
 * in order and bounded, from the prefix index; "nigh" is a prefix.
 */
function tsqueryText(words: string[]): string {
  return tsqueryTerms(words).join(' & ');
}

function tsqueryTerms(words: string[]): string[] {
  const last = words.length - 1;
  return words.map((w, i) => (i === last && w.length >= PREFIX_MIN_LETTERS ? `${w}:*` : w));
}

/**
 * tsqueryText with each word of TYPO_MIN_LETTERS or more OR'd with its
 * closest vocabulary words: "bohemain rhapsody" becomes
 * `(bohemain | 'bohemian' | …) & (rhapsody:* | …)`. Corrections are whole
 * words, quoted, with quotes and backslashes doubled (the vocabulary holds
 * what the parser made of titles: never expect it to be letters only).
 * to_tsquery drops a term the parser makes nothing of, as it does for
 * the words as typed. One subquery, read when a statement reaches it.
 */
function correctedTsquery(words: string[]): RawBuilder<unknown> {
  const lookups = words.map((w) => (w.length >= TYPO_MIN_LETTERS ? w : null));
  return sql`(select to_tsquery('simple', string_agg(alternatives, ' & ' order by n))
      from unnest(cast(${tsqueryTerms(words)} as text[]), cast(${lookups} as text[])) with ordinality as typed(term, word, n),
      lateral (select '(' || unaccent(typed.term) || coalesce(string_agg(' | ''' || replace(replace(close.word, '\\', '\\\\'), '''', '''''') || '''', ''), '') || ')' as alternatives
        from (select word from search_vocabulary
               where left(word, 1) = left(lower(unaccent(typed.word)), 1)
                 and length(word) between length(lower(unaccent(typed.word))) - ${sql.lit(CORRECTION_LENGTH_CHANGE)}
                                      and length(lower(unaccent(typed.word))) + ${sql.lit(CORRECTION_LENGTH_CHANGE)}
                 and word <> lower(unaccent(typed.word))
                 and levenshtein_less_equal(word, lower(unaccent(typed.word)), ${sql.lit(TYPO_EDITS)}) <= ${sql.lit(TYPO_EDITS)}
               order by levenshtein_less_equal(word, lower(unaccent(typed.word)), ${sql.lit(TYPO_EDITS)}),
                        similarity(word, lower(unaccent(typed.word))) desc, word
               limit ${sql.lit(CORRECTIONS)}) as close) as corrections)`;
}

/** The words full text indexes for a document's title and artist (weights A and B), one row each. */
function titleWords(document: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`unnest(tsvector_to_array(ts_filter(${document}, '{a,b}')))`;
}

/** Public and available, or the viewer's own (available too: processing and failed tracks are never found). */
function findableBy(eb: Eb, viewerId: string | null) {
  const findable = eb.and([eb('available', '=', true), eb('visibility', '=', 'public')]);
  if (!viewerId) return findable;
  return eb.or([findable, eb.and([eb('available', '=', true), eb('owner_id', '=', viewerId)])]);
}

function notOwnedBy(eb: Eb, ownerIds: readonly string[]) {
  return eb.or([eb('owner_id', 'is', null), eb('owner_id', 'not in', ownerIds)]);
}

function weightedDocument(doc: SearchDocument): RawBuilder<string> {
  const part = (text: string | null, weight: 'A' | 'B' | 'C' | 'D') =>
    sql`setweight(to_tsvector('simple', unaccent(${text ?? ''})), ${sql.lit(weight)})`;
  const tags = [...doc.tags, doc.genre ?? ''].join(' ');
  return sql<string>`${part(doc.title, 'A')} || ${part(doc.subtitle, 'B')} || ${part(tags, 'C')} || ${part(doc.description, 'D')}`;
}

function encodeCursor(kind: SearchKind, sort: SearchSort, offset: number): string {
  return Buffer.from(JSON.stringify({ k: kind, s: sort, o: offset })).toString('base64url');
}

function decodeCursor(raw: string, kind: SearchKind, sort: SearchSort): number {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString());
  } catch {
    throw new InvalidSearchCursor();
  }
  const { k, s, o } = (parsed ?? {}) as { k?: unknown; s?: unknown; o?: unknown };
  if (k !== kind || s !== sort || typeof o !== 'number' || !Number.isInteger(o) || o < 0 || o > MAX_OFFSET) {
    throw new InvalidSearchCursor();
  }
  return o;
}

/** Users and playlists are all in the first tier; a track when as popular as its least popular one. */
function inFirstTier(doc: SearchDocument): RawBuilder<boolean> {
  if (doc.kind !== 'track') return sql<boolean>`true`;
  return sql<boolean>`(${doc.popularity}::bigint, ${doc.publishedAt}::timestamptz) >= (select min_popularity, min_published_at from search_hot_tier)`;
}

/** Runs `fn` in the caller's transaction, or in a new one. */
function inTransaction<T>(db: DbOrTx, fn: (trx: DbOrTx) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}

/** Over the documents of a `docs` CTE: their title and artist words, and how many documents there were. */
function wordsAndCount() {
  return [
    sql<
      string[]
    >`coalesce((select array_agg(distinct word) from docs, ${titleWords(sql.ref('docs.document'))} as word), '{}')`.as(
      'words',
    ),
    sql<number>`(select count(*)::int from docs)`.as('rows'),
  ];
}

/**
 * Drops those of `words` that no document's title or artist holds any
 * more. The vocabulary must not outlive what it was made from: an artist's
 * old name, a deleted or erased title are personal data, and a stale word
 * would crowd out real corrections.
 */
async function pruneVocabulary(db: DbOrTx, words: readonly string[]): Promise<void> {
  if (words.length === 0) return;
  await sql`delete from search_vocabulary as v where v.word = any(${words}::text[])
    and not exists (select 1 from search_documents as d where d.document @@ ${titleLexeme(sql.ref('v.word'))})`.execute(
    db,
  );
}

/** A tsquery of one lexeme as it is, in a title or artist (weights A, B): quotes and backslashes escaped, no parsing. */
function titleLexeme(word: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`(('''' || replace(replace(${word}, '\\', '\\\\'), '''', '''''') || ''':AB')::tsquery)`;
}
