/**
 * An error in something the user gave us (a flag, a data file, a weights file, a config).
 * The message is one line that names the problem and the way out; the CLI prints it as is
 * and exits with code 2.
 */
export class InputError extends Error {
  override readonly name = 'InputError';
}
