/**
 * A bad value in an option or an experiment file: a commander InvalidArgumentError (so commander
 * reports it as an option's problem) whose `text` is a catalogue message, rendered in any
 * language. Also the "did you mean …?" suggestion both kinds of input share.
 */
import { InvalidArgumentError } from 'commander';
import { cutEchoes, english, type Message } from '../i18n/message.js';

/** A bad option value. `message` is English; `text` renders in any language, long values it echoes cut. */
export class ArgumentError extends InvalidArgumentError {
  readonly text: Message;

  constructor(text: Message) {
    const cut = cutEchoes(text);
    super(english.render(cut));
    this.text = cut;
  }
}

/** Largest batch size, epoch count or unit count we accept (int32, as Keras's shapes). */
export const MAX_COUNT = 2 ** 31 - 1;

/** Edit distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/** The known name close enough to `text` to suggest ("did you mean …?"), or null. */
export function closest(text: string, names: readonly string[]): string | null {
  let best = '';
  let bestDistance = Infinity;
  for (const name of names) {
    const d = editDistance(text.toLowerCase(), name);
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(best.length / 3)) ? best : null;
}

