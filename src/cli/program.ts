/**
 * The command line: commander wiring only. `run` works out the user's language, parses argv
 * in-process (no process.exit), dispatches to a command and returns the exit code; `bin.ts` sets
 * it. Every error is printed here, on one line, in that language.
 */
import { Command, CommanderError, type HelpConfiguration } from 'commander';
import { languageFromArgv, languageFromEnv } from '../i18n/languages.js';
import { loadTranslator } from '../i18n/load.js';
import { cutEchoes, cutText, english, msg, type Message, type Translator } from '../i18n/message.js';
import { describeFsError } from '../io/fs-errors.js';
import { InputError } from '../io/errors.js';
import { displayWidth } from '../report/width.js';
import { EXIT, type CliIo } from '../app/io.js';
import { addLearnerOptions, resolveLearnerConfig } from './learner-options.js';
import { groupOptions } from './help-groups.js';
import { likelyMeant } from './likely-meant.js';
import { addTrainOptions, resolveTrainConfig } from './train-options.js';
import { trainAction } from './train.js';
import { VERSION } from '../app/version.js';

export type AddCommands = (program: Command, io: CliIo, outcome: { code: number }, t: Translator) => void;

/**
 * The subcommands, imported only when the command line may name one: they pull in experiment
 * files, charts and schemas that plain training never needs, and loading them would cost more
 * than the whole start-up of `train -b 3 -e 10` does without them.
 */
export async function loadSubcommands(): Promise<AddCommands[]> {
  const [compare, experiments, datasets, lab] = await Promise.all([import('./compare.js'), import('./experiment-commands.js'), import('./datasets.js'), import('./lab.js')]);
  return [compare.addCompareCommand, experiments.addExperimentCommands, datasets.addDatasetsCommand, lab.addLabCommand];
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

const ANSI = /\u001b\[[0-9;]*m/g;

/** commander's help in the translator's language: headings, "(default: …)", and wrapping that counts Hangul as two columns. */
function helpIn(t: Translator): HelpConfiguration {
  const titles: Record<string, Message> = {
    'Usage:': msg('help.usage'),
    'Options:': msg('help.options'),
    'Commands:': msg('help.commands'),
    'Arguments:': msg('help.arguments'),
    'Global Options:': msg('help.globalOptions'),
  };
  return {
    styleTitle: (title) => (title in titles ? t.render(titles[title]) : title),
    displayWidth: (text) => displayWidth(text.replace(ANSI, '')),
    optionDescription(option) {
      // As commander's own, for the kinds of option batchsim has: the description, then its default.
      const showDefault =
        option.defaultValue !== undefined && (option.required || option.optional || (option.isBoolean() && typeof option.defaultValue === 'boolean'));
      if (!showDefault) return option.description;
      const value = option.defaultValueDescription || JSON.stringify(option.defaultValue);
      const extra = `(${t('help.default', { value })})`;
      return option.description ? `${option.description} ${extra}` : extra;
    },
  };
}

export function createProgram(io: CliIo, outcome: { code: number }, subcommands: readonly AddCommands[] = [], t: Translator = english): Command {
  const program = new Command('train');
  program
    .description(`${t('help.train')}\n${t('help.train.examples')}`)
    .version(VERSION, '-V, --version', t('help.version'))
    .helpOption('-h, --help', t('help.help'))
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // Errors are printed by `run`, in the user's language.
      outputError: () => {},
    })
    .configureHelp(helpIn(t))
    .showSuggestionAfterError(true)
    .addHelpText('after', `\n${t('help.exitCodes')}`);
  addTrainOptions(program, t);
  addLearnerOptions(program, t);
  program.action(async (_options, command: Command) => {
    outcome.code = await trainAction(resolveTrainConfig(command, io.cwd), resolveLearnerConfig(command, io.cwd), io, t);
  });
  for (const add of subcommands) add(program, io, outcome, t);
  // After the subcommands: they inherit the plain -h, which stays with their own options, while
  // train's moves to its output group.
  groupOptions(program, t);
  return program;
}

/**
 * commander's own error (an unknown option, a missing value, …) as a message, read back from its
 * English text by its code; null for one batchsim does not expect, which is then shown as it is.
 */
export function commanderMessage(error: CommanderError): Message | null {
  const text = error.message.replace(/^error: /, '');
  const suggestion = (found: string | undefined): string | Message | null => {
    if (found === undefined) return null;
    return found.startsWith('one of ') ? msg('commander.oneOf', { names: found.slice('one of '.length) }) : found;
  };
  let m: RegExpExecArray | null;
  switch (error.code) {
    case 'commander.unknownOption':
      m = /^unknown option '(.*)'(?:\n\(Did you mean (.*)\?\))?$/s.exec(text);
      return m && msg('commander.unknownOption', { option: m[1], suggestion: suggestion(m[2]) });
    case 'commander.unknownCommand':
      m = /^unknown command '(.*)'(?:\n\(Did you mean (.*)\?\))?$/s.exec(text);
      return m && msg('commander.unknownCommand', { command: m[1], suggestion: suggestion(m[2]) });
    case 'commander.excessArguments':
      m = /^too many arguments(?: for '(.*)')?\. Expected (\d+) arguments? but got (\d+)\.$/s.exec(text);
      return m && msg('commander.excessArguments', { command: m[1] ?? null, expected: Number(m[2]), got: Number(m[3]) });
    case 'commander.missingArgument':
      m = /^missing required argument '(.*)'$/s.exec(text);
      return m && msg('commander.missingArgument', { argument: m[1] });
    case 'commander.optionMissingArgument':
      m = /^option '(.*)' argument missing$/s.exec(text);
      return m && msg('commander.optionMissingArgument', { option: m[1] });
    case 'commander.missingMandatoryOptionValue':
      m = /^required option '(.*)' not specified$/s.exec(text);
      return m && msg('commander.missingMandatoryOption', { option: m[1] });
    case 'commander.invalidArgument':
      // The parser's own sentence is already in the user's language (parsers.ts: inLanguage).
      m = /^option '([^']*)' argument '(.*?)' is invalid\. (.*)$/s.exec(text);
      return m && msg('commander.invalidArgument', { option: m[1], value: m[2], problem: m[3] });
    default:
      return null;
  }
}

/** The long options of `train compare`, for telling an option typed without the command. */
async function compareOptionNames(io: CliIo, t: Translator): Promise<Set<string>> {
  const program = createProgram(io, { code: 0 }, await loadSubcommands(), t);
  const compare = program.commands.find((c) => c.name() === 'compare');
  const root = new Set(program.options.map((o) => o.long));
  return new Set((compare?.options ?? []).map((o) => o.long ?? '').filter((name) => name !== '' && !root.has(name)));
}

/** One line, whatever a message quotes (a parser's text may hold line breaks). */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}

/**
 * The exit code once the output has been written: a stdout that could not take it (a full disk,
 * `> /dev/full`) is one line on stderr and exit code 2, as any output that cannot be written.
 */
async function outputEnding(io: CliIo, t: Translator, code: number): Promise<number> {
  if (io.outputError === undefined && io.unheardInterrupt === undefined) return code;
  // A failed write is reported, and a signal heard, on the next turn of the event loop.
  await io.pause();
  const error = io.outputError?.() ?? null;
  if (error !== null) {
    io.stderr.write(`${t('cli.error', { message: oneLine(t('cli.outputFailed', { reason: describeFsError(error) })) })}\n`);
    if (code === EXIT.ok) return EXIT.usage;
  }
  // Ctrl-C during a command that never trained (merge, --help): its work is done, but it was interrupted.
  const signal = io.unheardInterrupt?.() ?? null;
  if (signal !== null && code === EXIT.ok) return signal === 'SIGINT' ? EXIT.sigint : EXIT.sigterm;
  return code;
}

export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const outcome = { code: EXIT.ok as number };
  const t = await loadTranslator(languageFromArgv(argv) ?? languageFromEnv(io.env));
  let program = createProgram(io, outcome, [], t);
  try {
    if (mayNameSubcommand(program, argv)) program = createProgram(io, outcome, await loadSubcommands(), t);
    await program.parseAsync(argv as string[], { from: 'user' });
    return outputEnding(io, t, outcome.code);
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return outputEnding(io, t, EXIT.ok);
      // Help shown because of a usage error has been written already; only errors remain.
      if (error.message.startsWith('error: ')) {
        const message = likelyMeant(argv, error.code, await compareOptionNames(io, t)) ?? commanderMessage(error);
        const text = message === null ? t.render(cutText(error.message.slice('error: '.length))) : t.render(cutEchoes(message));
        io.stderr.write(`${t('cli.error', { message: oneLine(text) })}\n`);
      }
      return EXIT.usage;
    }
    if (error instanceof InputError) {
      io.stderr.write(`${t('cli.error', { message: oneLine(t.render(error.text)) })}\n`);
      return EXIT.usage;
    }
    const debug = argv.includes('--debug');
    const message = oneLine(t.render(cutText(error instanceof Error ? error.message : String(error))));
    io.stderr.write(`${t('cli.internalError', { message, debug })}\n`);
    if (debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return EXIT.failure;
  }
}
