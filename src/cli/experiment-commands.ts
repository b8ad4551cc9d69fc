/** The commands that work on experiment files: `sweep` runs one, `merge` joins its shards. */
import type { Command } from 'commander';
import { english, type Translator } from '../i18n/message.js';
import type { CliIo } from '../app/io.js';
import { addMergeCommand } from './merge.js';
import { addSweepCommand } from './sweep.js';

export function addExperimentCommands(program: Command, io: CliIo, outcome: { code: number }, t: Translator = english): void {
  addSweepCommand(program, io, outcome, t);
  addMergeCommand(program, io, outcome, t);
}
