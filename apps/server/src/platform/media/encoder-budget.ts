import os from 'node:os';

/**
 * Shares the cores this process may use among the transcodes it runs at
 * once: a transcode that starts alone gets an encoder per core (up to one
 * per rendition), one that starts beside others gets its share, never less
 * than one. A share is fixed when the transcode starts; the
 * queue's concurrency (TRANSCODE_CONCURRENCY, one per core by default)
 * keeps the total in bounds.
 */
export class EncoderBudget {
  private running = 0;

  constructor(private readonly cores = os.availableParallelism()) {}

  /** Encoders for a transcode starting now, and the call that says it has ended. */
  take(): { encoders: number; release: () => void } {
    this.running++;
    let released = false;
    return {
      encoders: Math.max(1, Math.floor(this.cores / this.running)),
      release: () => {
        if (released) return;
        released = true;
        this.running--;
      },
    };
  }
}
