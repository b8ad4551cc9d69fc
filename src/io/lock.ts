/**
 * A lock file beside a file that one process at a time may append to: `<file>.lock`, created
 * exclusively and holding the owner's process id. A lock left by a process that no longer runs
 * (killed with SIGKILL) is taken over; a live owner's lock is refused with a one-line error.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { msg } from '../i18n/message.js';
import { InputError } from './errors.js';
import { describeFsError } from './fs-errors.js';

export interface Lock {
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock on `path` for this process, or throws an InputError naming the process that holds it. */
export function lockFile(path: string, shown: string = path): Lock {
  const lockPath = `${path}.lock`;
  for (let attempt = 0; ; attempt++) {
    let fd: number;
    try {
      fd = openSync(lockPath, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) {
        throw new InputError(msg('results.cannotWrite', { file: lockPath, reason: describeFsError(error) }));
      }
      let owner = '';
      try {
        owner = readFileSync(lockPath, 'utf8').trim();
      } catch {
        // Removed meanwhile: try again.
      }
      const pid = Number(owner);
      // An empty lock is one being written this instant: its owner is alive.
      if (owner === '' || !Number.isInteger(pid) || pid <= 0 || alive(pid)) {
        throw new InputError(msg('results.locked', { file: shown, pid: owner === '' ? '?' : owner.slice(0, 20) }));
      }
      rmSync(lockPath, { force: true });
      continue;
    }
    try {
      writeSync(fd, `${process.pid}\n`);
    } catch (error) {
      // A full disk: an empty lock left behind would read as a sweep being started, for ever.
      closeSync(fd);
      rmSync(lockPath, { force: true });
      throw new InputError(msg('results.cannotWrite', { file: lockPath, reason: describeFsError(error) }));
    }
    closeSync(fd);
    let held = true;
    return {
      release() {
        if (held) rmSync(lockPath, { force: true });
        held = false;
      },
    };
  }
}
