/**
 * The command line: commander wiring only. `run` parses argv in-process (no process.exit),
 * dispatches to a command and returns the exit code; `bin.ts` sets it.
 */
import { Command, CommanderError } from 'commander';
import { InputError } from '../io/errors.js';
import { EXIT, type CliIo } from './io.js';
import { addLearnerOptions, resolveLearnerConfig } from './learner-options.js';
import { addTrainOptions, resolveTrainConfig } from './train-options.js';
import { trainAction } from './train.js';
import { VERSION } from './version.js';

const EXAMPLES = `
Examples:
  $ train --batch-size 3 --epochs 10          2 steps per epoch on the sample data (x = y = 1..6)
  $ train --epochs 10                         batch size 32 > 6 samples: one step per epoch
  $ train -b 3 -e 10 --weights w.json --no-shuffle --json > run.json
  $ train --data points.csv --target y --layers 8:relu,1 --loss mse --optimizer sgd --lr 0.01
  $ train -b 3 -e 10 -v 2                     one line per epoch

Exit codes: 0 done, 2 bad input, 3 training diverged (NaN loss), 130/143 interrupted.`;

/** One-line messages: commander's "(Did you mean …?)" goes on the same line. */
function oneLine(text: string): string {
  return `${text.trimEnd().replace(/\n\(Did you mean (.*)\?\)/, ' (did you mean $1?)')}\n`;
}

type AddCommands = (program: Command, io: CliIo, outcome: { code: number }) => void;

/**
 * The subcommands, imported only when the command line may name one: they pull in experiment
 * files, charts and schemas that plain training never needs, and loading them would cost more
 * than the whole start-up of `train -b 3 -e 10` does without them.
 */
export async function loadSubcommands(): Promise<AddCommands[]> {
  const [compare, experiments] = await Promise.all([import('./compare.js'), import('./experiment-commands.js')]);
  return [compare.addCompareCommand, experiments.addExperimentCommands];
}

/**
 * Whether argv may name a subcommand or ask for help (which lists them): true unless every
 * word is one of the root's options or the value of one.
 */
export function mayNameSubcommand(program: Command, argv: readonly string[]): boolean {
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i];
    if (word === '--' || word === '-h' || word === '--help') return true;
    if (!word.startsWith('-') || word === '-') return true;
    if (word.startsWith('--') && word.includes('=')) continue;
    const option = program.options.find((o) => o.short === word || o.long === word);
    if (option !== undefined && option.required) i++;
    else if (option !== undefined && option.optional && i + 1 < argv.length && !argv[i + 1].startsWith('-')) i++;
  }
  return false;
}

export function createProgram(io: CliIo, outcome: { code: number }, subcommands: readonly AddCommands[] = []): Command {
  const program = new Command('train');
  program
    .description('Train a tiny dense model exactly as Keras does and see what the batch size changes.')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(oneLine(text)),
      outputError: (text, write) => write(text),
    })
    .showSuggestionAfterError(true)
    .addHelpText('after', EXAMPLES);
  addTrainOptions(program);
  addLearnerOptions(program);
  program.action(async (_options, command: Command) => {
    outcome.code = await trainAction(resolveTrainConfig(command, io.cwd), resolveLearnerConfig(command, io.cwd), io);
  });
  for (const add of subcommands) add(program, io, outcome);
  return program;
}

export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const outcome = { code: EXIT.ok as number };
  let program = createProgram(io, outcome);
  try {
    if (mayNameSubcommand(program, argv)) program = createProgram(io, outcome, await loadSubcommands());
    await program.parseAsync(argv as string[], { from: 'user' });
    return outcome.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof InputError) {
      // One line, whatever a message quotes (a parser's text may hold line breaks).
      io.stderr.write(`error: ${error.message.replace(/\s*[\r\n]+\s*/g, ' ')}\n`);
      return EXIT.usage;
    }
    const debug = argv.includes('--debug');
    const message = (error instanceof Error ? error.message : String(error)).replace(/\s*[\r\n]+\s*/g, ' ');
    io.stderr.write(`internal error: ${message}${debug ? '' : ' (run again with --debug for details)'}\n`);
    if (debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return EXIT.failure;
  }
}
