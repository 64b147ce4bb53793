import type { Clock } from '@/platform/clock/clock';
import { QuotaExceeded, RateLimited } from '@/platform/http/errors';
import type { RateLimiter, RateLimiterFactory } from '@/platform/ratelimit/limiter';

const DAY_MS = 86_400_000;
/** Bytes are counted in KiB: the Postgres store keeps points in an integer column (2^31 KiB is 2 TiB). */
const kib = (bytes: number): number => Math.ceil(bytes / 1024);

export interface TrackQuotaSettings {
  uploadsPerDay: number;
  uploadBytesPerDay: number;
  retriesPerDay: number;
}

/** Bytes and an upload taken from today's allowance, settled once the file's real size is known. */
export interface UploadReservation {
  /** The file kept `actualBytes`: what was reserved beyond them goes back. */
  settle(actualBytes: number): Promise<void>;
  /** Nothing was kept (the upload was refused or abandoned): the bytes go back, the upload still counts. */
  cancel(): Promise<void>;
}

/**
 * What one artist may make the server store and process in a UTC day:
 * uploads, their bytes, and retries of failed processing. Bytes are reserved
 * from the declared size (Upload-Length, the multipart Content-Length)
 * before a byte is stored, so an upload that would go over is refused at the
 * door instead of after filling the disk.
 */
export class TrackQuotas {
  private readonly uploads: RateLimiter;
  private readonly bytes: RateLimiter;
  private readonly retries: RateLimiter;

  constructor(
    rateLimiters: RateLimiterFactory,
    private readonly clock: Clock,
    private readonly settings: TrackQuotaSettings,
  ) {
    this.uploads = rateLimiters.create({ name: 'uploads-daily', points: settings.uploadsPerDay, durationMs: DAY_MS });
    this.bytes = rateLimiters.create({
      name: 'upload-bytes-daily',
      points: kib(settings.uploadBytesPerDay),
      durationMs: DAY_MS,
    });
    this.retries = rateLimiters.create({
      name: 'track-retries-daily',
      points: settings.retriesPerDay,
      durationMs: DAY_MS,
    });
  }

  async reserveUpload(ownerId: string, declaredBytes: number): Promise<UploadReservation> {
    const key = `user:${ownerId}`;
    const takenAt = this.clock.now();
    await this.uploads.take(key, 1).catch((err: unknown) => {
      throw quotaError(err, 'UPLOAD_QUOTA_EXCEEDED', `You can upload ${this.settings.uploadsPerDay} tracks a day.`);
    });
    try {
      await this.bytes.take(key, kib(declaredBytes));
    } catch (err) {
      await this.uploads.refund(key, 1, takenAt);
      throw quotaError(
        err,
        'UPLOAD_BYTES_QUOTA_EXCEEDED',
        `This upload (${mib(declaredBytes)}) does not fit in what is left of today's ${mib(this.settings.uploadBytesPerDay)} of uploads.`,
      );
    }
    return {
      settle: (actualBytes) => this.bytes.refund(key, kib(declaredBytes) - kib(actualBytes), takenAt),
      cancel: () => this.bytes.refund(key, kib(declaredBytes), takenAt),
    };
  }

  /** Gives back the bytes of a resumable upload reserved at `takenAt` and abandoned by its client. */
  releaseUploadBytes(ownerId: string, bytes: number, takenAt: Date): Promise<void> {
    return this.bytes.refund(`user:${ownerId}`, kib(bytes), takenAt);
  }

  async takeRetry(ownerId: string): Promise<void> {
    await this.retries.take(`user:${ownerId}`, 1).catch((err: unknown) => {
      throw quotaError(
        err,
        'RETRY_QUOTA_EXCEEDED',
        `Failed tracks can be retried ${this.settings.retriesPerDay} times a day.`,
      );
    });
  }
}

function quotaError(err: unknown, code: string, detail: string): unknown {
  if (!(err instanceof RateLimited)) return err;
  return new QuotaExceeded(code, `${detail} Try again in ${inWords(err.retryAfterSeconds)}.`, err.retryAfterSeconds);
}

function mib(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GiB` : `${Math.ceil(bytes / 1024 ** 2)} MiB`;
}

function inWords(seconds: number): string {
  if (seconds >= 3600) return `${Math.round(seconds / 3600)} h`;
  if (seconds >= 60) return `${Math.round(seconds / 60)} min`;
  return `${seconds} s`;
}
