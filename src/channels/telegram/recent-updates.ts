/**
 * The `update_id`s seen lately. Telegram re-sends an update when the webhook answer was slow or not 2xx; a
 * re-delivery seen here never reaches the core (which has its own, persistent, check for after a restart).
 */
export interface RecentUpdates {
  /** Records the id; true when it was already recorded. */
  seen(updateId: number): boolean;
  /** Forgets the id: its handling failed and Telegram will send it again. */
  forget(updateId: number): void;
  readonly size: number;
}

/** Keeps the last `capacity` ids (default 10,000: hours of traffic for a provincial campaign). */
export function createRecentUpdates(capacity = 10_000): RecentUpdates {
  const ids = new Set<number>();
  return {
    seen(updateId) {
      if (ids.has(updateId)) return true;
      ids.add(updateId);
      // A Set iterates in insertion order: the first is the oldest.
      if (ids.size > capacity) ids.delete(ids.values().next().value!);
      return false;
    },
    forget(updateId) {
      ids.delete(updateId);
    },
    get size() {
      return ids.size;
    },
  };
}
