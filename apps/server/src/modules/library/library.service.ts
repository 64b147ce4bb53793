import { pageOf, pageRequest, type PageRequest } from '@/platform/db/keyset';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Clock } from '@/platform/clock/clock';
import type { Db, DbOrTx } from '@/platform/db/db';
import type { EventPublisher } from '@/platform/events/outbox';
import type { Principal } from '@/platform/http/access';
import type { CoverSize, TracksService } from '@/modules/tracks/tracks.service';
import type { UsersService } from '@/modules/users/users.service';
import {
  NotPlaylistEditor,
  NotPlaylistOwner,
  OwnerIsNotCollaborator,
  PlaylistFull,
  PlaylistItemNotFound,
  PlaylistNotFound,
  PlaylistCoverNotFound,
  PlaylistVersionMismatch,
  TracksNotFound,
} from './library.errors';
import { LibraryRepo } from './library.repo';
import { coverKeyOf, toItem, toSummary } from './library.views';
import type { PlaylistCovers } from './playlist-covers';
import {
  PLAYLIST_ITEMS_MAX,
  PLAYLIST_TITLE_MAX,
  type AddTracks,
  type CreatePlaylist,
  type PlaylistDetail,
  type PlaylistList,
  type PlaylistSummary,
  type PlaylistUser,
  type UpdatePlaylist,
} from './library.schemas';
import type { PlaylistRow } from './library.tables';

type Viewer = Pick<Principal, 'userId' | 'role'> | undefined;

/** A playlist with its owner's public names, as an index needs it. */
export type PlaylistForIndexing = PlaylistRow & { owner: PlaylistUser };
type Role = 'owner' | 'collaborator' | null;

export interface ListOptions {
  cursor?: string;
  limit?: number;
}

/** A conditional edit: the version the client saw (If-Match); undefined when it sent none. */
export interface Precondition {
  expectedVersion?: number | undefined;
}

export interface LibraryDeps {
  db: Db;
  clock: Clock;
  events: EventPublisher;
  tracks: Pick<TracksService, 'visibleSummaries'>;
  users: Pick<UsersService, 'findById' | 'publicProfile'>;
  covers: PlaylistCovers;
}

/** The counters the social module moves with its rows, by name. */
export type PlaylistEngagement = 'likes' | 'reposts';
const ENGAGEMENT_COLUMNS = { likes: 'like_count', reposts: 'repost_count' } as const;

/** What one locked edit may do, knowing who asks. */
type Edit = (trx: DbOrTx, ctx: { row: PlaylistRow; role: 'owner' | 'collaborator' }) => Promise<EditFields | void>;
type EditFields = Parameters<LibraryRepo['bump']>[1];

/**
 * Playlists: who may see and change them, and their order. Every change
 * runs in one transaction that first locks the playlist row, so concurrent
 * edits queue, positions are renumbered densely from what is committed,
 * and the version moves exactly once per change.
 */
export class LibraryService {
  private readonly repo: LibraryRepo;

  constructor(private readonly deps: LibraryDeps) {
    this.repo = new LibraryRepo(deps.db);
  }

  async create(principal: Principal, input: CreatePlaylist): Promise<PlaylistDetail> {
    const row = await this.deps.db.transaction().execute(async (trx) => {
      const created = await this.repo.insertPlaylist(
        {
          owner_id: principal.userId,
          title: input.title.trim(),
          description: blankToNull(input.description),
          visibility: input.visibility,
          created_at: this.deps.clock.now(),
        },
        trx,
      );
      await this.deps.events.publish(trx, 'playlist.changed', { playlistId: created.id });
      return created;
    });
    return this.detail(row, principal, 'owner');
  }

  /** A playlist the viewer may see: public and unlisted ones to anyone, private ones to owner and collaborators. */
  async get(id: string, viewer: Viewer): Promise<PlaylistDetail> {
    const row = await this.repo.byId(id);
    if (!row) throw new PlaylistNotFound();
    const role = await this.roleOf(row, viewer);
    if (!mayView(row, role)) throw new PlaylistNotFound();
    return this.detail(row, viewer, role);
  }

  update(id: string, principal: Principal, changes: UpdatePlaylist, pre: Precondition): Promise<PlaylistDetail> {
    return this.edit(id, principal, { ownerOnly: true, ...pre }, () =>
      Promise.resolve({
        ...(changes.title !== undefined ? { title: changes.title.trim() } : {}),
        ...(changes.description !== undefined ? { description: blankToNull(changes.description) } : {}),
        ...(changes.visibility !== undefined ? { visibility: changes.visibility } : {}),
      }),
    );
  }

  async delete(id: string, principal: Principal, pre: Precondition): Promise<void> {
    await this.deps.db.transaction().execute(async (trx) => {
      const { row } = await this.lockForEdit(id, principal, { ownerOnly: true, ...pre }, trx);
      await this.repo.delete(id, trx);
      await this.deps.events.publish(trx, 'playlist.deleted', { playlistId: id, ownerId: row.owner_id });
    });
  }

  async listForUser(username: string, viewer: Viewer, opts: ListOptions): Promise<PlaylistList> {
    const owner = await this.deps.users.publicProfile(username);
    // Others see what is listed; unlisted and private ones are reached by link or by their people.
    const publicOnly = viewer?.userId !== owner.id;
    return this.page(opts, (page) => this.repo.listByOwner(owner.id, { ...page, publicOnly }));
  }

  listMine(principal: Principal, opts: ListOptions): Promise<PlaylistList> {
    return this.page(opts, (page) => this.repo.listEditable(principal.userId, page));
  }

  /** Adds visible tracks at a position (the end by default); all or none. */
  async addTracks(id: string, principal: Principal, input: AddTracks, pre: Precondition): Promise<PlaylistDetail> {
    const visible = await this.deps.tracks.visibleSummaries(input.trackIds, principal);
    const missing = input.trackIds.flatMap((trackId, i) =>
      visible.has(trackId) ? [] : [{ path: `body/trackIds/${i}`, message: `No track ${trackId}, or it is private` }],
    );
    if (missing.length > 0) throw new TracksNotFound(missing);
    return this.edit(id, principal, pre, async (trx) => {
      const items = await this.repo.items(id, trx);
      if (items.length + input.trackIds.length > PLAYLIST_ITEMS_MAX) throw new PlaylistFull(PLAYLIST_ITEMS_MAX);
      const at = Math.min(input.position ?? items.length, items.length);
      const now = this.deps.clock.now();
      const added = input.trackIds.map((trackId, i) => ({
        id: randomUUID(),
        playlist_id: id,
        track_id: trackId,
        position: at + i,
        added_by: principal.userId,
        added_at: now,
      }));
      const ids = items.map((item) => item.id);
      await this.repo.renumber(id, [...ids.slice(0, at), ...added.map((a) => a.id), ...ids.slice(at)], trx);
      await this.repo.insertItems(added, trx);
    });
  }

  removeItem(id: string, itemId: string, principal: Principal, pre: Precondition): Promise<PlaylistDetail> {
    return this.edit(id, principal, pre, async (trx) => {
      const ids = await this.itemIds(id, trx);
      if (!ids.includes(itemId)) throw new PlaylistItemNotFound();
      await this.repo.deleteItem(id, itemId, trx);
      await this.repo.renumber(
        id,
        ids.filter((other) => other !== itemId),
        trx,
      );
    });
  }

  /** Moves an item to a position; past the end means last. */
  moveItem(id: string, itemId: string, principal: Principal, position: number, pre: Precondition) {
    return this.edit(id, principal, pre, async (trx) => {
      const ids = await this.itemIds(id, trx);
      if (!ids.includes(itemId)) throw new PlaylistItemNotFound();
      const rest = ids.filter((other) => other !== itemId);
      const to = Math.min(position, rest.length);
      await this.repo.renumber(id, [...rest.slice(0, to), itemId, ...rest.slice(to)], trx);
    });
  }

  /**
   * A private copy owned by the caller, "Copy of …", same order, in one
   * transaction: a failure halfway leaves no playlist and no items.
   */
  async duplicate(id: string, principal: Principal): Promise<PlaylistDetail> {
    const source = await this.repo.byId(id);
    if (!source || !mayView(source, await this.roleOf(source, principal))) throw new PlaylistNotFound();
    const copy = await this.deps.db.transaction().execute(async (trx) => {
      const now = this.deps.clock.now();
      const created = await this.repo.insertPlaylist(
        {
          owner_id: principal.userId,
          title: `Copy of ${source.title}`.slice(0, PLAYLIST_TITLE_MAX),
          description: source.description,
          visibility: 'private',
          created_at: now,
        },
        trx,
      );
      await this.repo.copyItems(source.id, created.id, principal.userId, now, trx);
      await this.deps.events.publish(trx, 'playlist.changed', { playlistId: created.id });
      return created;
    });
    return this.detail(copy, principal, 'owner');
  }

  async addCollaborator(id: string, principal: Principal, username: string, pre: Precondition) {
    const user = await this.deps.users.publicProfile(username);
    return this.edit(id, principal, { ownerOnly: true, ...pre }, async (trx, { row }) => {
      if (user.id === row.owner_id) throw new OwnerIsNotCollaborator();
      await this.repo.addCollaborator(id, user.id, this.deps.clock.now(), trx);
    });
  }

  /**
   * The owner removes anyone; a collaborator may remove themselves (leave),
   * after which a private playlist is no longer theirs to see: hence no body.
   */
  async removeCollaborator(id: string, principal: Principal, username: string, pre: Precondition): Promise<void> {
    const user = await this.deps.users.publicProfile(username);
    await this.change(id, principal, pre, async (trx, { role }) => {
      if (role !== 'owner' && user.id !== principal.userId) throw new NotPlaylistOwner();
      await this.repo.removeCollaborator(id, user.id, trx);
    });
  }

  /** The row of a playlist the viewer may see (for other modules' checks); PlaylistNotFound otherwise. */
  async visiblePlaylist(id: string, viewer: Viewer): Promise<PlaylistRow> {
    const row = await this.repo.byId(id);
    if (!row || !mayView(row, await this.roleOf(row, viewer))) throw new PlaylistNotFound();
    return row;
  }

  /** Of these playlists, those the viewer may see, as summaries, by id (for lists other modules keep). */
  async visibleSummaries(ids: readonly string[], viewer: Viewer): Promise<Map<string, PlaylistSummary>> {
    const rows = await this.repo.byIds(ids);
    const roles = await Promise.all(rows.map(async (row) => [row, await this.roleOf(row, viewer)] as const));
    const visible = roles.flatMap(([row, role]) => (mayView(row, role) ? [row] : []));
    const [counts, people] = await Promise.all([
      this.repo.itemCounts(visible.map((r) => r.id)),
      this.people(visible.map((r) => r.owner_id)),
    ]);
    return new Map(visible.map((row) => [row.id, toSummary(row, counts.get(row.id) ?? 0, people)]));
  }

  /**
   * Moves a like or repost counter by `delta` in the caller's transaction
   * (the social module changes it with its rows, by the rows it changed)
   * and returns its value; undefined when the playlist is gone. Not an
   * edit: the version stays.
   */
  adjustEngagement(id: string, counter: PlaylistEngagement, delta: number, trx: DbOrTx): Promise<number | undefined> {
    return this.repo.adjustEngagement(id, ENGAGEMENT_COLUMNS[counter], delta, trx);
  }

  /** A cover thumbnail of a playlist the viewer may see: the owner's, else the mosaic. */
  async cover(id: string, size: CoverSize, viewer: Viewer): Promise<{ body: Readable; etag: string }> {
    const row = await this.visiblePlaylist(id, viewer);
    const key = coverKeyOf(row);
    if (!key) throw new PlaylistCoverNotFound();
    return { body: await this.deps.covers.read(key, size), etag: `"${key.split('/').pop() ?? ''}-${size}"` };
  }

  /**
   * The owner's own cover in place of the mosaic. Rights are checked before
   * the image is read, so nobody else makes the server decode images; the
   * thumbnails are stored first, then the row points at them, then the old
   * ones go.
   */
  async setCover(id: string, principal: Principal, image: Readable, pre: Precondition): Promise<PlaylistDetail> {
    await this.ownedPlaylist(id, principal);
    const prefix = await this.deps.covers.storeCustom(id, image);
    let previous: string | null = null;
    try {
      const detail = await this.edit(id, principal, { ownerOnly: true, ...pre }, (_trx, { row }) => {
        previous = row.cover_key;
        return Promise.resolve({ cover_key: prefix });
      });
      await this.deps.covers.discard(previous);
      return detail;
    } catch (err) {
      await this.deps.covers.discard(prefix);
      throw err;
    }
  }

  /** Back to the mosaic; idempotent. */
  async removeCover(id: string, principal: Principal, pre: Precondition): Promise<PlaylistDetail> {
    let previous: string | null = null;
    const detail = await this.edit(id, principal, { ownerOnly: true, ...pre }, (_trx, { row }) => {
      previous = row.cover_key;
      return Promise.resolve({ cover_key: null });
    });
    await this.deps.covers.discard(previous);
    return detail;
  }

  private async ownedPlaylist(id: string, principal: Principal): Promise<PlaylistRow> {
    const row = await this.visiblePlaylist(id, principal);
    if (row.owner_id !== principal.userId) throw new NotPlaylistOwner();
    return row;
  }

  /**
   * One change: lock, check rights and the client's version, apply, bump
   * the version and publish `playlist.changed`, all in one transaction.
   */
  private async edit(
    id: string,
    principal: Principal,
    opts: Precondition & { ownerOnly?: boolean },
    apply: Edit,
  ): Promise<PlaylistDetail> {
    const { row, role } = await this.change(id, principal, opts, apply);
    return this.detail(row, principal, role);
  }

  private change(
    id: string,
    principal: Principal,
    opts: Precondition & { ownerOnly?: boolean },
    apply: Edit,
  ): Promise<{ row: PlaylistRow; role: Role }> {
    return this.deps.db.transaction().execute(async (trx) => {
      const locked = await this.lockForEdit(id, principal, opts, trx);
      const fields = (await apply(trx, locked)) ?? {};
      const row = await this.repo.bump(id, fields, this.deps.clock.now(), trx);
      await this.deps.events.publish(trx, 'playlist.changed', { playlistId: id });
      return { row, role: locked.role };
    });
  }

  private async lockForEdit(
    id: string,
    principal: Principal,
    opts: Precondition & { ownerOnly?: boolean },
    trx: DbOrTx,
  ): Promise<{ row: PlaylistRow; role: 'owner' | 'collaborator' }> {
    const row = await this.repo.lock(id, trx);
    if (!row) throw new PlaylistNotFound();
    const role = await this.roleOf(row, principal, trx);
    if (!mayView(row, role)) throw new PlaylistNotFound();
    if (role === null) throw opts.ownerOnly ? new NotPlaylistOwner() : new NotPlaylistEditor();
    if (opts.ownerOnly && role !== 'owner') throw new NotPlaylistOwner();
    if (opts.expectedVersion !== undefined && opts.expectedVersion !== row.version) {
      throw new PlaylistVersionMismatch(row.version);
    }
    return { row, role };
  }

  private async roleOf(row: PlaylistRow, viewer: Viewer, trx?: DbOrTx): Promise<Role> {
    if (!viewer) return null;
    if (row.owner_id === viewer.userId) return 'owner';
    return (await this.repo.isCollaborator(row.id, viewer.userId, trx)) ? 'collaborator' : null;
  }

  private async itemIds(id: string, trx: DbOrTx): Promise<string[]> {
    return (await this.repo.items(id, trx)).map((item) => item.id);
  }

  private async detail(row: PlaylistRow, viewer: Viewer, role: Role): Promise<PlaylistDetail> {
    const [items, collaboratorIds] = await Promise.all([this.repo.items(row.id), this.repo.collaboratorIds(row.id)]);
    const [people, tracks] = await Promise.all([
      this.people([row.owner_id, ...collaboratorIds]),
      this.deps.tracks.visibleSummaries(
        items.map((item) => item.track_id),
        viewer,
      ),
    ]);
    return {
      ...toSummary(row, items.length, people),
      viewerRole: role,
      collaborators: collaboratorIds.flatMap((userId) => people.get(userId) ?? []),
      items: items.map((item) => toItem(item, tracks)),
    };
  }

  private async page(opts: ListOptions, fetch: (page: PageRequest) => Promise<PlaylistRow[]>): Promise<PlaylistList> {
    const request = pageRequest(opts);
    const { rows: page, nextCursor } = pageOf(await fetch(request), request.limit, (r) => ({
      at: r.created_at,
      id: r.id,
    }));
    const ids = page.map((row) => row.id);
    const [counts, people] = await Promise.all([this.repo.itemCounts(ids), this.people(page.map((r) => r.owner_id))]);
    return { items: page.map((row) => toSummary(row, counts.get(row.id) ?? 0, people)), nextCursor };
  }

  /** Playlists as stored, whatever their visibility, with their owner's names: for indexing elsewhere (search). */
  async forIndexing(ids: readonly string[]): Promise<PlaylistForIndexing[]> {
    return this.withOwners(await this.repo.byIds(ids));
  }

  /** Every playlist in batches (id order), or one owner's: for rebuilding an index. */
  async forIndexingAfter(opts: { afterId?: string; ownerId?: string; limit: number }): Promise<PlaylistForIndexing[]> {
    return this.withOwners(await this.repo.after(opts));
  }

  /**
   * The playlists among `ids` anyone may come across without a link, in the
   * order given: public ones only. Search and browsing never show an
   * unlisted or private playlist, not even to its owner (they have it in
   * their library).
   */
  async findableSummaries(ids: readonly string[]): Promise<PlaylistSummary[]> {
    const rows = (await this.repo.byIds(ids)).filter((row) => row.visibility === 'public');
    const byId = new Map(rows.map((row) => [row.id, row]));
    const [counts, people] = await Promise.all([
      this.repo.itemCounts(rows.map((row) => row.id)),
      this.people(rows.map((row) => row.owner_id)),
    ]);
    return ids.flatMap((id) => {
      const row = byId.get(id);
      return row ? [toSummary(row, counts.get(id) ?? 0, people)] : [];
    });
  }

  private async withOwners(rows: PlaylistRow[]): Promise<PlaylistForIndexing[]> {
    const people = await this.people(rows.map((row) => row.owner_id));
    return rows.flatMap((row) => {
      const owner = people.get(row.owner_id);
      return owner ? [{ ...row, owner }] : [];
    });
  }

  /** Public names of a few users, through the users module (one look-up per distinct person). */
  private async people(ids: string[]): Promise<Map<string, PlaylistUser>> {
    const rows = await Promise.all([...new Set(ids)].map((id) => this.deps.users.findById(id)));
    return new Map(
      rows.flatMap((u) => (u ? [[u.id, { id: u.id, username: u.username, displayName: u.display_name }]] : [])),
    );
  }
}

function mayView(row: PlaylistRow, role: Role): boolean {
  return row.visibility !== 'private' || role !== null;
}

function blankToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}
