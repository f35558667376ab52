/**
 * A faster way of playing that stands in for a plain loop (a WebAssembly kernel, a batch of remote
 * matches), which tests switch off to check that the plain loop gives the same results.
 */
export class PathSwitch {
  on = true;

  /** Runs `body` with the path switched off. */
  without<T>(body: () => T): T {
    const was = this.on;
    this.on = false;
    try {
      return body();
    } finally {
      this.on = was;
    }
  }
}
