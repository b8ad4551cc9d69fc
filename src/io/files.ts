/**
 * Output files are written whole or not at all: to a temporary file in the same folder, then
 * renamed over the target, so a crash never leaves a truncated file.
 */
import { closeSync, existsSync, mkdirSync, openSync, realpathSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describeFsError } from './fs-errors.js';
import { msg, type Message } from '../i18n/message.js';
import { InputError } from './errors.js';

let counter = 0;

/** Longest file name most file systems take (NAME_MAX), in bytes. */
export const MAX_NAME_BYTES = 255;

/**
 * The temporary file a write of `path` goes through: in the same folder, named after the target
 * but never longer than about 80 bytes, so that any name the system takes has a temporary name it
 * takes too (and the check before training probes that very name).
 */
export function tempPathFor(path: string): string {
  const stem = Array.from(basename(path)).slice(0, 40).join('');
  return join(dirname(path), `.${stem}.${process.pid}.${counter++}.tmp`);
}

/**
 * The file a write replaces: for a symbolic link, the file it points to (the link stays a link);
 * never a folder, device or pipe, which the rename would replace instead of writing to.
 */
function replaceableTarget(path: string): string {
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return path; // Nothing there yet.
  }
  if (!statSync(real).isFile()) throw new InputError(msg('files.notRegular', { file: path }));
  return real;
}

export function writeFileAtomic(path: string, text: string): void {
  const target = replaceableTarget(path);
  const temp = tempPathFor(target);
  try {
    writeFileSync(temp, text);
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new InputError(msg('files.cannotWrite', { file: path, reason: describeFsError(error) }));
  }
}

/**
 * Creates and removes an empty temporary file in `folder`: the one sure test that writing there
 * will work (permissions, a read-only file system, /proc, ... — and root passes every access check).
 * Returns why not, or null.
 */
function cannotCreateIn(folder: string, target = join(folder, 'probe')): Message | null {
  const probe = tempPathFor(target);
  try {
    closeSync(openSync(probe, 'wx'));
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EROFS' ? msg('fs.readOnly') : describeFsError(error);
  }
  rmSync(probe, { force: true });
  return null;
}

/**
 * Checks, before any work, that `path` can be written as a file: its folder exists and a file can
 * be created there, and it is not itself a folder. `option` names the flag for the message.
 */
/** Refuses a file name longer than the file system takes. */
export function checkNameLength(path: string, option: string): void {
  if (Buffer.byteLength(basename(path)) > MAX_NAME_BYTES) throw new InputError(msg('files.nameTooLong', { option, file: path, max: MAX_NAME_BYTES }));
}

export function checkWritableFile(path: string, option: string): void {
  const folder = dirname(path);
  checkNameLength(path, option);
  let folderStat;
  try {
    folderStat = statSync(folder);
  } catch {
    throw new InputError(msg('files.noFolder', { option, file: path, folder }));
  }
  if (!folderStat.isDirectory()) throw new InputError(msg('files.parentNotFolder', { option, file: path, folder }));
  try {
    const existing = statSync(path);
    if (existing.isDirectory()) throw new InputError(msg('files.isFolder', { option, file: path }));
    // A device or pipe would be replaced by the rename, not written to.
    if (!existing.isFile()) throw new InputError(msg('files.notRegularFile', { option, file: path }));
  } catch (error) {
    if (error instanceof InputError) throw error;
    // Does not exist yet: fine.
  }
  const problem = cannotCreateIn(folder, path);
  if (problem !== null) throw new InputError(msg('files.cannotCreateIn', { option, file: path, folder, reason: problem }));
}

/**
 * `mkdir -p`, one level at a time. Node's own `mkdirSync(path, { recursive: true })` never returns
 * where creating is refused with ENOENT although the parent exists (/proc): it takes ENOENT to
 * mean "parent missing" and retries for ever.
 */
function makeFolder(path: string): void {
  try {
    mkdirSync(path);
    return;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const parent = dirname(path);
    if (code === 'EEXIST') return; // The caller checks that it is a folder.
    if (code !== 'ENOENT' || parent === path || existsSync(parent)) throw error;
    makeFolder(parent);
  }
  mkdirSync(path);
}

/** Checks, before any work, that `path` is or can become a writable folder; creates it. */
export function ensureWritableFolder(path: string, option: string): void {
  try {
    makeFolder(path);
  } catch (error) {
    throw new InputError(msg('files.cannotCreateFolder', { option, folder: path, reason: describeFsError(error) }));
  }
  if (!statSync(path).isDirectory()) throw new InputError(msg('files.notAFolder', { option, folder: path }));
  const problem = cannotCreateIn(path);
  if (problem !== null) throw new InputError(msg('files.cannotCreateInFolder', { option, folder: path, reason: problem }));
}

/**
 * Checks, before any work and without creating anything, that `path` is a writable folder or can
 * be created as one: the nearest part of it that exists must be a folder a file can be created in.
 * Returns whether the folder exists already.
 */
export function checkFolderCreatable(path: string, option: string): boolean {
  let existing = path;
  for (;;) {
    let stat;
    try {
      stat = statSync(existing);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && dirname(existing) !== existing) {
        existing = dirname(existing);
        continue;
      }
      throw new InputError(msg('files.cannotCreateFolder', { option, folder: path, reason: describeFsError(error) }));
    }
    if (!stat.isDirectory()) {
      if (existing === path) throw new InputError(msg('files.notAFolder', { option, folder: path }));
      throw new InputError(msg('files.cannotCreateFolder', { option, folder: path, reason: msg('fs.notDirectory') }));
    }
    break;
  }
  const problem = cannotCreateIn(existing);
  if (problem !== null) {
    if (existing === path) throw new InputError(msg('files.cannotCreateInFolder', { option, folder: path, reason: problem }));
    throw new InputError(msg('files.cannotCreateFolder', { option, folder: path, reason: problem }));
  }
  return existing === path;
}

/**
 * Writes several files as one: the folders they need are created, every file goes to its
 * temporary file first, and only when all are written are they renamed into place. If any write
 * fails (a full disk, a folder where a file should go), the temporary files and the folders made
 * for them are removed, so the failure leaves nothing new behind.
 */
export function writeFileGroup(files: ReadonlyArray<{ readonly path: string; readonly text: string }>): void {
  const made: string[] = [];
  const temps: Array<{ temp: string; target: string }> = [];
  let current = '';
  try {
    for (const { path } of files) {
      current = path;
      makeFolderRecording(dirname(path), made);
    }
    for (const { path, text } of files) {
      current = path;
      const target = replaceableTarget(path);
      const temp = tempPathFor(target);
      temps.push({ temp, target });
      writeFileSync(temp, text);
    }
    for (const { temp, target } of temps) renameSync(temp, target);
  } catch (error) {
    for (const { temp } of temps) rmSync(temp, { force: true });
    // Only the folders made here, and only while empty: rmdir, never a recursive removal.
    for (const folder of made.reverse()) {
      try {
        rmdirSync(folder);
      } catch {
        // Not empty or gone: left as it is.
      }
    }
    if (error instanceof InputError) throw error;
    throw new InputError(msg('files.cannotWrite', { file: current, reason: describeFsError(error) }));
  }
}

/** Creates `path` and any missing parents, adding each folder it creates to `made` (parents first). */
function makeFolderRecording(path: string, made: string[]): void {
  try {
    if (statSync(path).isDirectory()) return;
  } catch {
    makeFolderRecording(dirname(path), made);
    mkdirSync(path);
    made.push(path);
  }
}
