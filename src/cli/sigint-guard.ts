/**
 * Ctrl-C inside one long training step. Node runs JavaScript signal handlers only between turns of
 * the event loop, and a training step is one synchronous turn: a full-batch step over millions of
 * rows would hear Ctrl-C only when it ends. node:vm's `breakOnSigint` (how the REPL breaks
 * `while (true) {}`) runs a script under a native watchdog thread that turns SIGINT into V8's
 * TerminateExecution, which stops JavaScript and WebAssembly loops alike within microseconds. The
 * guard runs a step's arithmetic as such a script; when SIGINT cuts it short, the step is abandoned
 * (it changed only scratch buffers, see StepGuard in training/fit.ts) and the signal is told to the
 * listeners, as one heard between steps would be.
 *
 * A guarded call costs more than a plain one: on an idle core 30–60 µs (the watchdog thread is
 * started and joined, and Node takes the SIGINT listeners off and puts them back), but on a busy
 * machine the join waits for the scheduler, and at a load of 10 on two cores a guarded 40 ms step
 * took 10–30 ms longer. So only steps of at least GUARD_FROM_WORK multiply-adds (stepWork in
 * training/fit.ts, 1.2–3 ns each with this project's kernels) are guarded: 0.1–0.3 s each, where
 * the guard's cost was lost in the noise at that load. A shorter step is heard when it ends, at
 * most those 0.1–0.3 s after the Ctrl-C.
 *
 * In the microseconds per guarded step in which Node has the listeners off (before the watchdog
 * starts and after it stops), a SIGINT gets the default action and ends the process at once, as
 * Ctrl-\ does: at 100 ms or more per guarded step, a Ctrl-C lands there well under once in a
 * thousand.
 *
 * SIGTERM is not watched by breakOnSigint: it is still heard after the step under way.
 */
import vm from 'node:vm';
import type { StepGuard } from '../training/fit.js';

/** Multiply-adds (training/fit.ts stepWork × rows) from which a step is guarded. */
export const GUARD_FROM_WORK = 1e8;

/** The global the guard's script calls: a symbol, so that no name of anyone else's is taken. */
const STEP = Symbol.for('batchsim.guardedStep');

/**
 * `onSigint` hears a SIGINT that cut a step short; `hearPending` is CliIo.hearSignals: Node drops a
 * signal its listener has not yet read when breakOnSigint takes the listeners off, so the signals
 * that have come are heard before each guarded step.
 */
export function sigintGuard(onSigint: () => void, hearPending: () => Promise<void>, fromWork = GUARD_FROM_WORK): StepGuard {
  let script: vm.Script | null = null;
  let current: (() => void) | null = null;
  return {
    fromWork,
    hearPending,
    run(work) {
      if (script === null) {
        Object.defineProperty(globalThis, STEP, { value: () => current!(), configurable: true });
        script = new vm.Script(`globalThis[Symbol.for(${JSON.stringify(STEP.description)})]()`, { filename: 'batchsim-guarded-step' });
      }
      current = work;
      try {
        script.runInThisContext({ breakOnSigint: true });
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException | null)?.code !== 'ERR_SCRIPT_EXECUTION_INTERRUPTED') throw error;
        onSigint();
        return false;
      } finally {
        current = null;
      }
    },
  };
}
