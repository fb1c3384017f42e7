/**
 * Every delayed action the emulator schedules (status webhooks, template auto-approval,
 * webhook re-sends) goes through one set, so `reset()` and `close()` can cancel them all and a
 * test process never hangs on a forgotten timer.
 */
export class TimerSet {
  private readonly pending = new Set<NodeJS.Timeout>();
  private closed = false;

  schedule(delayMs: number, action: () => void): void {
    if (this.closed) return;
    const handle = setTimeout(
      () => {
        this.pending.delete(handle);
        action();
      },
      Math.max(0, delayMs),
    );
    handle.unref?.();
    this.pending.add(handle);
  }

  get size(): number {
    return this.pending.size;
  }

  clear(): void {
    for (const handle of this.pending) clearTimeout(handle);
    this.pending.clear();
  }

  close(): void {
    this.closed = true;
    this.clear();
  }
}
