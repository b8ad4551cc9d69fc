/**
 * What a refused command line most likely meant, for the usual slips of a first hour:
 *   train compare 6,3,1            → train compare --batch-sizes 6,3,1
 *   train --batch-sizes 6,3,1      → train compare --batch-sizes 6,3,1
 *   train compare --batch-sizes 6 3 1 → train compare --batch-sizes 6,3,1
 *   train 3                        → train --batch-size 3
 * Pure: it reads the words typed and commander's error code, and returns the message to show
 * instead of commander's, or null when none of these fits.
 */
import { msg, type Message } from '../i18n/message.js';

const INTEGERS = /^\d+(?:,\d+)*$/;
const NUMBER = /^(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?$/i;
/** compare's list options: one value, items separated by commas. */
const LIST_OPTIONS = ['--batch-sizes', '--lrs'];

function command(words: readonly string[]): string {
  return ['train', ...words].join(' ');
}

export function likelyMeant(argv: readonly string[], code: string, compareOptions: ReadonlySet<string>): Message | null {
  const end = argv.indexOf('--');
  const words = end === -1 ? [...argv] : argv.slice(0, end);
  if (words[0] === 'compare') {
    if (code === 'commander.excessArguments') {
      for (let i = 1; i + 1 < words.length; i++) {
        if (!LIST_OPTIONS.includes(words[i])) continue;
        let j = i + 2;
        while (j < words.length && NUMBER.test(words[j])) j++;
        if (j === i + 2) continue;
        const list = words.slice(i + 1, j).join(',');
        return msg('meant.commas', { option: words[i], command: command([...words.slice(0, i + 1), list, ...words.slice(j)]) });
      }
    }
    const hasBatchSizes = words.some((w) => w === '--batch-sizes' || w.startsWith('--batch-sizes='));
    const bare = words.findIndex((w, i) => i > 0 && INTEGERS.test(w) && !(words[i - 1] ?? '').startsWith('-'));
    if (!hasBatchSizes && bare !== -1) {
      return msg('meant.compareList', { typed: words[bare], command: command([...words.slice(0, bare), '--batch-sizes', ...words.slice(bare)]) });
    }
    return null;
  }
  if (code === 'commander.unknownOption') {
    const unknown = words.find((w) => w.startsWith('--') && compareOptions.has(w.split('=')[0]));
    if (unknown !== undefined) return msg('meant.compareOption', { option: unknown.split('=')[0], command: command(['compare', ...words]) });
  }
  if (code === 'commander.excessArguments' || code === 'commander.unknownCommand') {
    const bare = words.findIndex((w) => INTEGERS.test(w));
    if (bare !== -1 && words[bare].includes(',')) {
      return msg('meant.compareList', { typed: words[bare], command: command(['compare', ...words.slice(0, bare), '--batch-sizes', ...words.slice(bare)]) });
    }
    if (bare !== -1) return msg('meant.batchSize', { typed: words[bare], command: command([...words.slice(0, bare), '--batch-size', ...words.slice(bare)]) });
  }
  return null;
}
