/**
 * How many requests one connection may make: `burst` at once, refilled at `perSecond`. The
 * server refuses what goes beyond (`rate_limited`); the studio paces itself by the same
 * bucket, so a burst of reloads (a tab opening while several changes arrive) waits a few
 * milliseconds instead of coming back as an error on the writer's screen. The two clocks never
 * agree exactly (a server busy for a moment counts a burst later than it was sent), so a request
 * refused anyway is sent again after the wait the refusal names: `rate_limited` always means
 * nothing was done.
 */
export const REQUEST_LIMITS = { burst: 40, perSecond: 20 } as const;

/** The longest wait the studio sits out by itself before a refusal reaches the caller (the outbox waits out longer ones). */
export const RETRY_QUIETLY_MS = 2000;

/** The most the studio queues behind its own bucket (200 requests' worth): beyond it, a flood is refused at once. */
export const QUEUE_AT_MOST_MS = 10_000;

/** A token bucket: `capacity` events at once, refilled at `perSecond`. */
export class TokenBucket {
  private tokens: number;
  private last: number;
  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = capacity;
    this.last = now();
  }
  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((t - this.last) / 1000) * this.perSecond);
    this.last = t;
  }
  /** Milliseconds until a token is there (0: there is one now). */
  wait(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.perSecond) * 1000);
  }
  /** Takes a token if there is one. */
  take(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
  /**
   * Takes a token now or books the next one: answers how many milliseconds to wait before
   * acting (0: at once). Booked tokens go negative, so callers queue in order.
   */
  reserve(): number {
    this.refill();
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens / this.perSecond) * 1000);
  }
}
