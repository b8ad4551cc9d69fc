/**
 * An error in something the user gave us (a flag, a data file, a weights file, a config).
 * It carries its message as a catalogue key and parameters (`text`), so the CLI prints it in the
 * user's language, on one line that names the problem and the way out, and exits with code 2;
 * `message` is the English text, for library users and logs.
 */
import { cutEchoes, english, type Message } from '../i18n/message.js';

export class InputError extends Error {
  override readonly name = 'InputError';
  /** The message, with any long value it echoes (a cell, a path, a flag's value) cut. */
  readonly text: Message;

  constructor(text: Message) {
    const cut = cutEchoes(text);
    super(english.render(cut));
    this.text = cut;
  }
}
