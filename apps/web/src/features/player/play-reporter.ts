export interface PlayReport {
  sessionId: string;
  positionMs: number;
  listenedMs: number;
}

export interface PlayReporterDeps {
  report: (trackId: string, body: PlayReport) => Promise<unknown>;
  now: () => number;
  newSessionId: () => string;
  /** How often a report goes out while playing. */
  intervalMs?: number;
}

/** A position step larger than this between two time updates is a seek (or a stall), not listening. */
const MAX_STEP_MS = 1500;

interface Session {
  trackId: string;
  sessionId: string;
  listenedMs: number;
  positionMs: number;
  lastPosition: number | null;
  lastReportAt: number;
  reportedMs: number;
}

/**
 * Tells the server how much of a track a playback has heard, so it can count
 * the play (it decides when: 30 s, or half a short track). One session per
 * playback of a track; it reports every `intervalMs` while playing and
 * whenever playback stops, pauses or moves to another track. Listening is
 * measured from the position moving forward in small steps, so seeking ahead
 * is not counted as having heard the skipped part.
 */
export class PlayReporter {
  private session: Session | null = null;
  private readonly intervalMs: number;

  constructor(private readonly deps: PlayReporterDeps) {
    this.intervalMs = deps.intervalMs ?? 10_000;
  }

  get sessionId(): string | null {
    return this.session?.sessionId ?? null;
  }

  /** A new playback of `trackId` begins: whatever was playing is reported first. */
  start(trackId: string, positionMs = 0): void {
    this.flush();
    this.session = {
      trackId,
      sessionId: this.deps.newSessionId(),
      listenedMs: 0,
      positionMs,
      lastPosition: null,
      lastReportAt: this.deps.now(),
      reportedMs: 0,
    };
  }

  /** A time update while playing. */
  progress(positionMs: number): void {
    const s = this.session;
    if (!s) return;
    if (s.lastPosition !== null) {
      const step = positionMs - s.lastPosition;
      if (step > 0 && step <= MAX_STEP_MS) s.listenedMs += step;
    }
    s.lastPosition = positionMs;
    s.positionMs = positionMs;
    if (this.deps.now() - s.lastReportAt >= this.intervalMs) this.send();
  }

  /** Playback resumed or jumped: the next time update starts a new measuring step. */
  resync(positionMs: number): void {
    if (!this.session) return;
    this.session.lastPosition = null;
    this.session.positionMs = positionMs;
  }

  /** Paused, ended, or leaving the page: report what was heard since the last report. */
  flush(): void {
    const s = this.session;
    if (!s) return;
    s.lastPosition = null;
    if (Math.round(s.listenedMs) > s.reportedMs) this.send();
  }

  /** The track is gone (deleted): its playback is dropped unreported, since the server no longer knows it. */
  discard(): void {
    this.session = null;
  }

  /** The current playback is over (track changed or player closed). */
  end(): void {
    this.flush();
    this.session = null;
  }

  private send(): void {
    const s = this.session;
    if (!s) return;
    const listenedMs = Math.round(s.listenedMs);
    s.lastReportAt = this.deps.now();
    s.reportedMs = listenedMs;
    // Counting plays must never disturb playback: a failed report is dropped, the next one carries the total.
    this.deps
      .report(s.trackId, { sessionId: s.sessionId, positionMs: Math.max(0, Math.round(s.positionMs)), listenedMs })
      .catch(() => undefined);
  }
}

/** A v4 UUID. crypto.randomUUID exists only in secure contexts; getRandomValues everywhere (plain-http LAN installs). */
export function randomUuid(): string {
  if (typeof crypto.randomUUID === 'function' && globalThis.isSecureContext) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
