/**
 * What to do when the loss becomes NaN or infinite (a diverging run, e.g. `--loss mse --lr 1e6`
 * with sgd). Keras's default is to train on; its TerminateOnNaN callback stops instead. Either
 * way the watcher remembers where the loss first went bad, so a report can say so.
 */
import type { FitCallback } from './fit.js';

export const ON_NAN = ['stop', 'continue'] as const;
/** `stop`: Keras's TerminateOnNaN; `continue`: Keras's default, training goes on. */
export type OnNan = (typeof ON_NAN)[number];

/** The first batch whose logged loss was NaN or infinite. */
export interface InvalidLoss {
  /** 0-based, as `history.epoch`. */
  readonly epoch: number;
  /** 0-based within the epoch, as Keras's `Batch 3: Invalid loss, terminating training`. */
  readonly batch: number;
}

export interface InvalidLossWatcher extends FitCallback {
  readonly first: InvalidLoss | null;
}

/**
 * Checks the epoch's running loss after every batch, as TerminateOnNaN does (once it is NaN it
 * stays NaN for the rest of the epoch). `onFirst` is told once, at the first invalid batch;
 * with `stop`, training then ends after that batch (stop reason `nan`).
 */
export function invalidLossWatcher(policy: OnNan, onFirst?: (at: InvalidLoss) => void): InvalidLossWatcher {
  let epoch = 0;
  let first: InvalidLoss | null = null;
  return {
    get first() {
      return first;
    },
    onEpochBegin(e) {
      epoch = e;
    },
    onBatchEnd(logs, control) {
      if (Number.isFinite(logs.loss)) return;
      if (first === null) {
        first = { epoch, batch: logs.batch };
        onFirst?.(first);
      }
      if (policy === 'stop') control.requestStop('nan');
    },
  };
}

/** Keras's TerminateOnNaN: stops after a batch whose loss is NaN or infinite. */
export function terminateOnNaN(onTerminate?: (batch: number) => void): InvalidLossWatcher {
  return invalidLossWatcher('stop', onTerminate && ((at) => onTerminate(at.batch)));
}
