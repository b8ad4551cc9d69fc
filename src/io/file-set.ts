/**
 * Every file a command reads and writes, compared by what they are rather than how they are
 * named: a symbolic link, a hard link, `./d.csv` and `d.csv` all name one file when they reach
 * the same device and inode. Checked before any work, so that no output lands on an input or on
 * another output, and no output is a link to nothing (which the write would silently replace).
 */
import { lstatSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { msg } from '../i18n/message.js';
import { InputError } from './errors.js';
import { checkNameLength, checkWritableFile } from './files.js';

/** A file a command names, with the option (or argument) that named it, for messages. */
export interface NamedFile {
  readonly option: string;
  readonly path: string;
  /** An output in a folder that does not exist yet (checked by `checkFolderCreatable`). */
  readonly inNewFolder?: boolean;
}

/** The file's identity (`dev:ino`), or null when there is nothing there (or it cannot be seen). */
function identityOf(path: string): string | null {
  try {
    const stat = statSync(path);
    return `${stat.dev}:${stat.ino}`;
  } catch {
    return null;
  }
}

/** Where a not-yet-existing file will be: its folder's real path and its name. */
function futurePath(path: string): string {
  try {
    return join(realpathSync(dirname(path)), basename(path));
  } catch {
    return path;
  }
}

/** Refuses a symbolic link whose target does not exist: writing would replace the link by a file. */
function checkNotDangling(file: NamedFile): void {
  let isLink = false;
  try {
    isLink = lstatSync(file.path).isSymbolicLink();
  } catch {
    return; // Nothing there: a new file.
  }
  if (!isLink) return;
  try {
    statSync(file.path);
  } catch {
    let target: string;
    try {
      target = readlinkSync(file.path);
    } catch {
      target = '?';
    }
    throw new InputError(msg('files.danglingLink', { option: file.option, file: file.path, target }));
  }
}

/**
 * Checks the outputs of a command against each other and against its inputs, and each output
 * as `checkWritableFile` does. Inputs that do not exist are skipped (their reader reports them).
 */
export function checkFileSet(inputs: readonly NamedFile[], outputs: readonly NamedFile[]): void {
  const inputIds = new Map<string, NamedFile>();
  for (const input of inputs) {
    const id = identityOf(input.path);
    if (id !== null && !inputIds.has(id)) inputIds.set(id, input);
  }
  const outputIds = new Map<string, NamedFile>();
  for (const output of outputs) {
    checkNotDangling(output);
    const id = identityOf(output.path);
    if (id !== null) {
      const input = inputIds.get(id);
      if (input !== undefined) {
        throw new InputError(msg('files.sameAsInput', { option: output.option, file: output.path, input: input.option, inputFile: input.path }));
      }
    }
    if (output.inNewFolder === true) checkNameLength(output.path, output.option);
    else checkWritableFile(output.path, output.option);
    const key = id ?? `new:${futurePath(output.path)}`;
    const other = outputIds.get(key);
    if (other !== undefined) {
      throw new InputError(msg('files.sameOutput', { option: output.option, file: output.path, other: other.option, otherFile: other.path }));
    }
    outputIds.set(key, output);
  }
}

/** The named files of `{ option: path or null }`, in order, without the nulls. */
export function named(files: Readonly<Record<string, string | null | undefined>>): NamedFile[] {
  return Object.entries(files).flatMap(([option, path]) => (path == null ? [] : [{ option, path }]));
}
