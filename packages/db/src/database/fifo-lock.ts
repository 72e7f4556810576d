/** An in-process async mutex that hands the lock over in call order (first come, first served). */
export class FifoLock {
  private tail: Promise<void> = Promise.resolve();
  private pending = 0;

  /** True while someone holds the lock or waits for it. */
  get busy(): boolean {
    return this.pending > 0;
  }

  run<T>(fn: () => Promise<T>): Promise<T> {
    const previous = this.tail;
    let release = () => {};
    this.tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.pending += 1;
    return previous.then(fn).finally(() => {
      this.pending -= 1;
      release();
    });
  }
}
