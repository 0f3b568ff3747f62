'use strict';
// The face service's line of waiting detections. The WASM backend runs one detection at a time (about 170 ms a
// frame on two cores), so a burst of sign-ins would otherwise queue without end, holding every waiting body in memory
// and answering after Keycloak's read timeout has long given up. Past a bound, a caller is told at once to come back.

class QueueFullError extends Error {
  constructor() {
    super('too many detections waiting');
  }
}

class DetectionQueue {
  // maxWaiting: detections allowed to wait behind the one running.
  constructor(maxWaiting) {
    if (!Number.isInteger(maxWaiting) || maxWaiting < 1) {
      throw new Error('maxWaiting must be a positive integer');
    }
    this.maxWaiting = maxWaiting;
    this.waiting = 0;
    this.tail = Promise.resolve();
  }

  get full() {
    return this.waiting >= this.maxWaiting;
  }

  // Runs task after those already queued; throws QueueFullError, without running or keeping it, when the line is full.
  run(task) {
    if (this.full) {
      throw new QueueFullError();
    }
    this.waiting++;
    const run = this.tail.then(() => {
      this.waiting--;
      return task();
    });
    this.tail = run.catch(() => undefined);
    return run;
  }
}

module.exports = { DetectionQueue, QueueFullError };
