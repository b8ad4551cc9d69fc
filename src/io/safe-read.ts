/**
 * The one way batchsim reads a file the user names: only a regular file (after following links),
 * never more than a size limit, and without blocking on a pipe. A FIFO, a device such as
 * /dev/zero, or a file larger than the limit is refused with a reason that `describeFsError`
 * words, so every reader keeps its own message ("cannot read weights file w.json: …").
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';

/** Largest data file read (the data is held as float32 anyway; text is several times larger). */
export const MAX_DATA_BYTES = 512 * 1024 * 1024;
/** Largest weights, experiment or results file read. */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

/** An error `describeFsError` knows: the file is not a regular file, or is too large. */
export class ReadRefused extends Error {
  constructor(
    readonly code: 'ENOTREG' | 'ETOOBIG',
    readonly limit: number = 0,
  ) {
    super(code === 'ENOTREG' ? 'not a regular file' : `larger than ${limit} bytes`);
  }
}

/**
 * Throws ReadRefused unless `path` is a regular file of at most `maxBytes`; rethrows the
 * system's error (ENOENT, EACCES, EISDIR, …) as it is.
 */
export function checkReadable(path: string, maxBytes = MAX_FILE_BYTES): number {
  const stat = statSync(path);
  if (stat.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
  if (!stat.isFile()) throw new ReadRefused('ENOTREG');
  if (stat.size > maxBytes) throw new ReadRefused('ETOOBIG', maxBytes);
  return stat.size;
}

/**
 * The whole of a regular file of at most `maxBytes`. It is opened without blocking (a FIFO put
 * in its place between the check and the open does not hang) and checked again once open; a file
 * that grows while it is read is still cut off at the limit and refused.
 */
export function readBounded(path: string, maxBytes = MAX_FILE_BYTES): Buffer {
  checkReadable(path, maxBytes);
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new ReadRefused('ENOTREG');
    if (stat.size > maxBytes) throw new ReadRefused('ETOOBIG', maxBytes);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(Math.max(stat.size - total, 0) + 1, 1 << 24));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      total += read;
      if (total > maxBytes) throw new ReadRefused('ETOOBIG', maxBytes);
      chunks.push(chunk.subarray(0, read));
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

/** `readBounded` as UTF-8 text. */
export function readTextBounded(path: string, maxBytes = MAX_FILE_BYTES): string {
  return readBounded(path, maxBytes).toString('utf8');
}
