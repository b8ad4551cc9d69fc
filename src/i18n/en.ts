/**
 * The English message catalogue: every human sentence batchsim prints that is not a Keras line —
 * explanations, table headings, chart titles, warnings, errors and help. Each entry is a function
 * of its parameters, so that word order can differ between languages. Other catalogues must have
 * exactly these keys (the compiler and a test check it).
 *
 * Not here, on purpose: the Keras lines (`Epoch 1/10`, the bar, `Batch 3: Invalid loss,
 * terminating training`), JSON keys, CSV columns, option names and the emitted Python script.
 */

import { labEn } from './lab-en.js';

/** `1 step`, `2 steps`. */
function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${count === 1 ? word : many}`;
}

export const en = {
  // ---- the edge: prefixes and commander's own errors --------------------------------------------
  'cli.error': (p: { message: string }) => `error: ${p.message}`,
  'cli.warning': (p: { message: string }) => `warning: ${p.message}`,
  'cli.note': (p: { message: string }) => `note: ${p.message}`,
  'cli.internalError': (p: { message: string; debug: boolean }) => `internal error: ${p.message}${p.debug ? '' : ' (run again with --debug for details)'}`,
  'cli.cut': (p: { start: string; end: string; length: number }) => `${p.start}…${p.end} (${p.length} characters)`,
  'cli.outputFailed': (p: { reason: string }) => `cannot write the output: ${p.reason}; free some space or send the output elsewhere`,
  'commander.unknownOption': (p: { option: string; suggestion: string | null }) =>
    `unknown option '${p.option}'${p.suggestion === null ? '' : ` (did you mean ${p.suggestion}?)`}`,
  'commander.unknownCommand': (p: { command: string; suggestion: string | null }) =>
    `unknown command '${p.command}'${p.suggestion === null ? '' : ` (did you mean ${p.suggestion}?)`}`,
  'commander.oneOf': (p: { names: string }) => `one of ${p.names}`,
  'commander.excessArguments': (p: { command: string | null; expected: number; got: number }) =>
    `too many arguments${p.command === null ? '' : ` for '${p.command}'`}. Expected ${plural(p.expected, 'argument')} but got ${p.got}.`,
  'meant.compareList': (p: { typed: string; command: string }) =>
    `"${p.typed}" is not an argument: batch sizes to compare go after --batch-sizes; did you mean: ${p.command}`,
  'meant.compareOption': (p: { option: string; command: string }) => `${p.option} is an option of train compare, not of train; did you mean: ${p.command}`,
  'meant.commas': (p: { option: string; command: string }) => `${p.option} takes one list with commas between the items, not spaces; did you mean: ${p.command}`,
  'meant.batchSize': (p: { typed: string; command: string }) => `train takes options, not arguments ("${p.typed}"); did you mean: ${p.command}`,
  'commander.missingArgument': (p: { argument: string }) => `missing required argument '${p.argument}'`,
  'commander.optionMissingArgument': (p: { option: string }) => `option '${p.option}' argument missing`,
  'commander.missingMandatoryOption': (p: { option: string }) => `required option '${p.option}' not specified`,
  'commander.invalidArgument': (p: { option: string; value: string; problem: string }) => `option '${p.option}' argument '${p.value}' is invalid. ${p.problem}`,

  // ---- --help --------------------------------------------------------------------------------------
  'help.usage': () => 'Usage:',
  'help.options': () => 'Options:',
  'help.commands': () => 'Commands:',
  'help.arguments': () => 'Arguments:',
  'help.globalOptions': () => 'Global Options:',
  'help.default': (p: { value: string }) => `default: ${p.value}`,
  'help.help': () => 'show this help',
  'help.version': () => 'print the version',
  'help.debug': () => 'show stack traces of unexpected errors',
  'help.train': () => 'Train a tiny dense model exactly as Keras does and see what the batch size changes.',
  'help.train.examples': () => `
Examples:
  # 2 steps per epoch on the sample data (x = y = 1..6)
  $ train --batch-size 3 --epochs 10
  # each batch's samples and loss, and how the logged loss is built
  $ train -b 4 -e 2 --explain --show-batches
  # three batch sizes from the same weights, side by side
  $ train compare --batch-sizes 6,3,1 --epochs 10 --explain
  # the same losses per optimizer update
  $ train compare --batch-sizes 6,3,1 --epochs 10 --x update
  # your own data
  $ train --data points.csv --target y --layers 8:relu,1 --loss mse
  # a real data set, scaled, with a held-out test part (train datasets lists them)
  $ train --dataset auto-mpg --standardize --test-split 0.2 --layers 16:relu,1 --loss mse`,
  'help.exitCodes': () => 'Exit codes: 0 done, 1 check failed, 2 bad input, 3 NaN/--assert, 130/143 signal.',
  'help.group.learners': () => 'For learners:',
  'help.group.training': () => 'Training:',
  'help.group.model': () => 'Model:',
  'help.group.data': () => 'Data:',
  'help.group.output': () => 'Output:',
  'help.batchSize': () => 'samples per optimizer step (Keras default)',
  'help.epochs': () => 'passes over the training data',
  'help.lr': () => "learning rate (default: the optimizer's Keras default)",
  'help.lrScaling': () => 'scale the learning rate with the batch size: none, linear (lr·B/B0) or sqrt (lr·√(B/B0)); --lr is then the rate for B0',
  'help.baseBatchSize': () => 'the batch size B0 the learning rate is given for (default 32)',
  'help.warmupEpochs': () => 'ramp the learning rate linearly from the base rate to the scaled one over the first k epochs',
  'help.optimizer': (p: { names: string }) => `optimizer: ${p.names}`,
  'help.momentum': () => 'momentum for sgd and rmsprop (default 0)',
  'help.nesterov': () => 'Nesterov momentum (sgd)',
  'help.loss': (p: { names: string }) => `loss: ${p.names}`,
  'help.layers': () => 'comma-separated units[:activation] (linear, relu, tanh, sigmoid, softmax); the last is the output layer',
  'help.metrics': (p: { names: string }) => `comma-separated metrics tracked like the loss: ${p.names}; accuracy resolves by the loss as Keras resolves it`,
  'help.data': () => 'CSV with a header row, or JSON {"x": [...], "y": [...]} (default: the embedded sample x = y = 1..6)',
  'help.synthetic': () => 'generate the data: linear (y = x·w + b + noise) or sine (a curve a small MLP can learn)',
  'help.samples': (p: { value: number }) => `samples of --synthetic data (default ${p.value})`,
  'help.features': (p: { value: number }) => `features of --synthetic data (default ${p.value})`,
  'help.noise': (p: { value: number }) => `standard deviation of the noise on --synthetic targets (default ${p.value})`,
  'help.target': () => 'comma-separated target columns of a CSV (default: the last column)',
  'help.dataset': (p: { names: string }) =>
    `train on an embedded real data set: ${p.names} (train datasets lists them); a classification one defaults to sparse_categorical_crossentropy, a K:softmax output and accuracy`,
  'help.dropMissing': () => 'leave out CSV rows with a missing value (an empty cell, NA or NaN) instead of refusing the file',
  'help.standardize': () => "scale each feature by the training part's mean and standard deviation, as a Keras Normalization layer adapted on it",
  'help.testSplit': () => 'fraction of samples, taken from the end before the validation part, held out and evaluated once after training',
  'help.seed': () => 'seed for initial weights and shuffling',
  'help.noShuffle': () => 'keep the sample order every epoch (Keras shuffles by default)',
  'help.validationSplit': () => 'fraction of samples, taken from the end, held out for val_loss',
  'help.validationSplit.none': () => 'none',
  'help.weights': () => 'initial weights: JSON [W0, b0, W1, b1, ...] in Keras get_weights() order',
  'help.saveWeights': () => 'write the final weights in the same format',
  'help.onNan': () => "when the loss becomes NaN or infinite: stop (Keras's TerminateOnNaN) or continue (Keras's default)",
  'help.verbose': () => 'auto, 0 (silent), 1 (progress bar) or 2 (one line per epoch)',
  'help.json': () => 'print one JSON document with the results on stdout',
  'help.noColor': () => 'no colour, even on a terminal (NO_COLOR is honoured too)',
  'help.noTimings': () => 'stop the clock: every time shows as 0, so whole outputs can be diffed',
  'help.lang': (p: { names: string }) => `language of the text around the Keras lines: ${p.names} (default: from LANG)`,
  'help.explain': () => 'before training, explain the arithmetic: steps per epoch, batch sizes, updates, what the loss means',
  'help.showBatches': () => "after each epoch, its batches: sample indices (0-based), x values of small data, each batch's loss and the running mean",
  'help.lossReport': () => "running: Keras's logged loss; end: also the loss on all training data after each epoch (end_loss)",
  'help.style': () => "progress line: keras2 (30-wide '=' bar) or keras3 (20-wide '━' bar)",
  'help.emitKeras': () => 'print a Python script that repeats this run in Keras (same data, weights, settings), and do not train',
  'help.noiseScale': () => 'measure the gradient noise scale B_simple = tr(Σ)/|G|² from per-example gradients, at the start and after every epoch',
  'help.csvLog': () => "write Keras CSVLogger's file: epoch, then the log keys sorted (accuracy,loss[,val_accuracy,val_loss]), 0-based epochs",

  'help.compare': () => 'Train once per batch size from the same initial weights and compare the losses side by side.',
  'help.datasets': () => 'List the embedded data sets: rows, features, task, default target, source and licence.',
  'datasets.header': () => 'name,rows,features,task,target,source,licence',
  'datasets.footer': () => 'train --dataset NAME trains on one; data/README.md has each source, citation and licence',
  'help.compare.examples': () => `
Examples:
  # full batch against mini-batches on the sample data
  $ train compare --batch-sizes 6,3,1 --epochs 10
  # the same losses per optimizer update, and the arithmetic of each batch size
  $ train compare --batch-sizes 6,3,1 --epochs 10 --x update --explain
  # mean ± sd over seeds 42..46
  $ train compare -e 20 --batch-sizes 6,2 --seeds 5 --quiet
  # every batch size × learning rate
  $ train compare -e 10 --batch-sizes 6,1 --lrs 0.001,0.01
  # runs.json, history.csv, summary.md and loss.svg in results/
  $ train compare -e 10 --batch-sizes 6,3,1 --out results/`,
  'help.batchSizes': () => 'comma-separated batch sizes to compare, e.g. 6,3,1 (duplicates run once)',
  'help.metric': (p: { names: string }) =>
    `rank the rows best first by this history's last epoch and chart it: ${p.names} (accuracies higher is better, losses lower); default: batch-size order, loss chart`,
  'help.seeds': () => 'repeat every batch size with seeds seed, seed+1, …, seed+k−1; report mean ± sd',
  'help.lrs': () => 'comma-separated learning rates: every batch size × learning rate',
  'help.x': (p: { names: string }) => `chart x axis: ${p.names}`,
  'help.format': (p: { names: string }) => `what goes to stdout: ${p.names}`,
  'help.plot': () => 'write the loss chart as an SVG file',
  'help.out': () => 'write runs.json, history.csv, summary.md and loss.svg into this folder',
  'help.quiet': () => 'no Keras log of each run (the arithmetic, table and chart stay)',

  'help.sweep': () => 'Train every grid point of an experiment file on worker threads; one JSON line per run in --out.',
  'help.sweep.examples': (p: { fields: string }) => `
Examples:
  # every grid point → batch-vs-lr.jsonl
  $ train sweep examples/batch-vs-lr.json
  # the second of three CI shards
  $ train sweep exp.json --shard 2/3 --out part-2.jsonl
  # the shard from BATCHSIM_SHARD, GitLab or CircleCI
  $ train sweep exp.json --shard auto
  # exit 3 if a run misses the bar
  $ train sweep exp.json --assert 'finalLoss < 0.5'
  # the summary, rows ranked by validation accuracy
  $ train sweep exp.json --metric val_accuracy

Rerun the same command to finish a sweep that was stopped: runs already in --out
are skipped.
--assert takes numbers, < <= > >= == !=, && || ! and parentheses, and the fields
  ${p.fields}
Exit codes: 0 done, 2 bad input, 3 an --assert failed, 130/143 interrupted.`,
  'help.sweep.experiment': () => 'experiment file (.json, .yaml): train options in camelCase plus "grid"',
  'help.sweep.out': () => 'results file, appended to and resumed (default: <name>.jsonl, or <name>.shard-i-of-n.jsonl, in the current folder)',
  'help.sweep.jobs': () => 'worker threads (default: the number of cores)',
  'help.sweep.shard': () => 'run only shard i of n (round-robin over the sorted grid), or auto from the CI (auto/n: n shards, for Kubernetes Indexed Jobs)',
  'help.sweep.assert': () => "exit 3 unless every run satisfies it, e.g. 'finalLoss < 0.5 && !diverged'",
  'help.sweep.noTimings': () => 'record no wall-clock times, so results files can be diffed',
  'help.sweep.metric': (p: { names: string }) =>
    `after the sweep, print its summary table and chart (as merge prints them) with the rows ranked best first by this history's last epoch: ${p.names}`,
  'help.sweep.quiet': () => 'no line per finished run',

  'help.merge': () => "Join a sweep's results files (one per shard), check them against the experiment and report the runs.",
  'help.merge.examples': () => `
Examples:
  # table and chart of every run
  $ train merge part-*.jsonl --experiment exp.json
  # a Markdown table for the CI job summary (append it to $GITHUB_STEP_SUMMARY)
  $ train merge part-*.jsonl --experiment exp.json --format markdown
  # an SVG chart, and a gate
  $ train merge part-*.jsonl --experiment exp.json --plot loss.svg \\
      --assert 'finalLoss < 0.5'

Exit codes: 0 done, 1 runs missing, duplicated or from elsewhere, 2 bad input,
3 an --assert failed.`,
  'help.merge.files': () => 'results files written by train sweep',
  'help.merge.experiment': () => 'the experiment file the sweep ran',
  'help.merge.assert': () => "exit 3 unless every run satisfies it, e.g. 'finalLoss < 0.5'",
  'help.merge.noTimings': () => 'blank the time columns, so outputs can be diffed',
  'help.merge.noColor': () => 'no colour, even on a terminal',

  // ---- option values -----------------------------------------------------------------------------
  'what.batchSize': () => 'batch size',
  'what.batchSizes': () => 'batch sizes',
  'what.epochs': () => 'epochs',
  'what.warmupEpochs': () => 'warm-up epochs',
  'what.lrScaling': () => 'learning-rate scaling rule',
  'what.learningRate': () => 'learning rate',
  'what.learningRates': () => 'learning rates',
  'what.momentum': () => 'momentum',
  'what.noise': () => 'noise',
  'what.validationSplit': () => 'validation split',
  'what.testSplit': () => 'test split',
  'what.samples': () => 'samples',
  'what.features': () => 'features',
  'what.seeds': () => 'seeds',
  'what.jobs': () => 'jobs',
  'what.optimizer': () => 'optimizer',
  'what.metric': () => 'metric',
  'what.loss': () => 'loss',
  'what.syntheticData': () => 'synthetic data',
  'what.onNanPolicy': () => '--on-nan policy',
  'what.verbosity': () => 'verbosity',
  'what.language': () => 'language',
  'what.lossReport': () => 'loss report',
  'what.style': () => 'style',
  'what.xAxis': () => 'x axis',
  'what.format': () => 'format',
  'parse.wholeNumber': (p: { what: string; min: number; example: number }) => `${p.what} must be a whole number ≥ ${p.min}, e.g. ${p.example}.`,
  'parse.atLeast': (p: { what: string; min: number; value: number }) => `${p.what} must be ≥ ${p.min}; got ${p.value}.`,
  'parse.atMost': (p: { what: string; max: number }) => `${p.what} must be at most ${p.max} (2^31 − 1).`,
  'parse.positiveNumber': (p: { what: string; example: string }) => `${p.what} must be a number > 0, e.g. ${p.example}.`,
  'parse.notPositive': (p: { what: string; value: string }) => `${p.what} must be > 0; got ${p.value}.`,
  'parse.numberInRange': (p: { what: string; range: string; example: string }) => `${p.what} must be a number in ${p.range}, e.g. ${p.example}.`,
  'parse.outOfRange': (p: { what: string; range: string; value: string }) => `${p.what} must be in ${p.range}; got ${p.value}.`,
  'parse.unknownName': (p: { what: string; text: string; suggestion: string | null; names: string }) =>
    `unknown ${p.what} "${p.text}".${p.suggestion === null ? '' : ` Did you mean "${p.suggestion}"?`} Choose one of: ${p.names}.`,
  'parse.list': (p: { what: string; example: string }) => `${p.what} must be a comma-separated list without empty items, e.g. ${p.example}.`,
  'parse.layer': (p: { index: number; item: string; several: boolean }) => (p.several ? `layer ${p.index} ("${p.item}")` : `"${p.item}"`),
  'parse.layerEmpty': (p: { index: number; example: string }) => `layer ${p.index} is empty: give units[:activation] for every layer, e.g. ${p.example}.`,
  'parse.layerColons': (p: { layer: string; example: string }) => `${p.layer} has more than one ":"; write units[:activation], e.g. ${p.example}.`,
  'parse.layerUnits': (p: { layer: string; example: string }) => `${p.layer}: units must be a whole number from 1 to 1000000, e.g. ${p.example}.`,
  'parse.layerActivation': (p: { layer: string; activation: string; suggestion: string | null; names: string }) =>
    `${p.layer}: unknown activation "${p.activation}".${p.suggestion === null ? '' : ` Did you mean "${p.suggestion}"?`} Choose one of: ${p.names}.`,
  'parse.emptyColumn': () => 'column names must be non-empty, e.g. --target y or --target y1,y2.',
  'parse.columnTwice': () => 'a column is named twice; name each target column once.',
  'parse.seed': () => 'seed must be a whole number from 0 to 4294967295, e.g. 42.',

  // ---- train -------------------------------------------------------------------------------------
  'options.strayForSynthetic': (p: { flag: string }) => `${p.flag} applies to --synthetic data; add e.g. --synthetic linear or drop ${p.flag}`,
  'options.syntheticAndData': () => '--synthetic generates the data and --data reads it from a file; give one of them',
  'options.syntheticTooBig': (p: { samples: number; features: number; gib: number; most: number }) =>
    `--samples ${p.samples} with --features ${p.features} needs about ${p.gib} GiB; use --samples ${p.most} or less`,
  'options.momentumWithAdam': () => '--momentum applies to --optimizer sgd or rmsprop, not adam; drop --momentum or choose sgd',
  'options.nesterovOptimizer': (p: { optimizer: string }) => `--nesterov applies to --optimizer sgd, not ${p.optimizer}; drop --nesterov or choose sgd`,
  'options.nesterovMomentum': () => '--nesterov needs momentum: add e.g. --momentum 0.9',
  'options.warmupWithoutScaling': () => '--warmup-epochs ramps the learning rate from the base rate up to the scaled one: add --lr-scaling linear or sqrt',
  'options.baseBatchSizeWithoutScaling': () => '--base-batch-size is the batch size --lr is meant for under a scaling rule: add --lr-scaling linear or sqrt, or drop it',
  'options.targetWithoutData': () => '--target names columns of a --data CSV file; add --data <file> or drop --target',
  'options.datasetAndData': (p: { other: string }) => `--dataset names an embedded data set and ${p.other} another source of data; give one of them`,
  'options.dropMissingWithoutData': () => '--drop-missing leaves out rows of a --data CSV file; add --data <file> or drop --drop-missing',
  'options.classificationLossOnRegression': (p: { dataset: string; target: string; loss: string }) =>
    `--loss ${p.loss} is a classification loss, but --dataset ${p.dataset} is a regression data set (target ${p.target}); use --loss mae, mse or huber`,
  'options.saveOverData': (p: { file: string }) => `--save-weights ${p.file} would overwrite the --data file; write the weights to another file`,
  'train.modelTooBig': (p: { layers: string; features: number; weights: number; size: string; limit: string }) =>
    `--layers ${p.layers} on ${p.features} feature(s) has ${p.weights} weights, about ${p.size} while training; batchsim trains small models (up to ${p.limit}): use fewer or smaller layers`,
  'train.batchTooBig': (p: { rows: number; layers: string; size: string; limit: string; most: number }) =>
    `a batch of ${p.rows} samples through --layers ${p.layers} needs about ${p.size}; batchsim stays within ${p.limit}: use --batch-size ${p.most} or less`,
  'train.layersOutputs': (p: { layers: string; outputs: number; targets: number }) =>
    `--layers ${p.layers} ends with ${p.outputs} unit(s) but the data has ${p.targets} target column(s); make the last layer ${p.targets}`,
  'train.softmaxOneUnit': (p: { layers: string }) =>
    `--layers ${p.layers} ends with softmax on one unit, which always outputs 1; use 1:sigmoid with --loss binary_crossentropy, or one unit per class`,
  'train.metricNeedsCrossentropy': (p: { metric: string; loss: string }) =>
    `--metrics ${p.metric} needs a crossentropy loss, not ${p.loss}; choose --loss binary_crossentropy, categorical_crossentropy or sparse_categorical_crossentropy, or use --metrics mae,mse`,
  'train.crossentropyColumns': (p: { loss: string; units: number; columns: number; targets: number }) =>
    `--loss ${p.loss} with ${p.units} output unit(s) reads ${p.columns} target column(s) per sample but the data has ${p.targets}; make the last layer match the classes or change --loss`,
  'train.sparseLabel': (p: { sample: number; value: string; most: number }) =>
    `sample ${p.sample}: class label ${p.value} is not a whole number from 0 to ${p.most}; --loss sparse_categorical_crossentropy needs one class id per sample, below the last layer's units`,
  'train.notOneHot': (p: { sample: number }) =>
    `sample ${p.sample}: the target columns are not one-hot (a single 1, the rest 0); --loss categorical_crossentropy needs one-hot rows, or use sparse_categorical_crossentropy with one class id column`,
  'train.binaryTarget': (p: { sample: number; value: string }) =>
    `sample ${p.sample}: target ${p.value} is outside [0, 1]; --loss binary_crossentropy needs targets from 0 to 1`,
  'train.validationSplit': (p: { split: number; samples: number; low: string; high: string }) =>
    `--validation-split ${p.split} of ${p.samples} samples leaves an empty training or validation part; choose a fraction between ${p.low} and ${p.high}`,
  'train.testSplit': (p: { split: number; samples: number }) =>
    `--test-split ${p.split} leaves no sample for training or for the test part of ${p.samples} samples; choose a fraction that keeps at least one sample in each, e.g. 0.2`,
  'train.classes': (p: { classes: string }) => `classes: ${p.classes}`,
  'train.dropped': (p: { dropped: number; kept: number; line: number }) =>
    `dropped ${p.dropped} ${p.dropped === 1 ? 'row' : 'rows'} with a missing value (the first on line ${p.line}); ${p.kept} remain`,
  'train.testHeader': (p: { samples: number }) => `test (${p.samples} held-out ${p.samples === 1 ? 'sample' : 'samples'}, never trained on):`,
  'train.emitKerasJson': () => '--emit-keras prints a Python script instead of training; drop --json',
  'train.interruptedAgain': (p: { signal: string }) => `interrupted again (${p.signal}): exiting at once, without results`,
  'sweep.interruptedAgain': (p: { signal: string; file: string }) => `interrupted again (${p.signal}): exiting at once; the runs already in ${p.file} are kept`,
  'train.noiseScaleInitial': (p: { bSimple: string; traceSigma: string; gradNormSquared: string }) =>
    `noise scale at the initial weights: B_simple ${p.bSimple} (tr Σ ${p.traceSigma}, |G|² ${p.gradNormSquared})`,
  'train.noiseScale': (p: { bSimple: string; traceSigma: string; gradNormSquared: string }) =>
    `noise scale: B_simple ${p.bSimple} (tr Σ ${p.traceSigma}, |G|² ${p.gradNormSquared})`,
  'train.weightsNotWritten': (p: { file: string }) => `--save-weights: ${p.file} not written, the final weights are NaN or infinite`,
  'train.lossWentOn': (p: { epoch: number; batch: number }) =>
    `the loss became NaN or infinite in epoch ${p.epoch}, batch ${p.batch}; training went on (--on-nan continue)`,
  'train.interrupted': (p: { signal: string; epoch: number; epochs: number; updates: number; weights: string | null }) =>
    p.updates === 0
      ? `interrupted (${p.signal}) before the first step: nothing trained${p.weights === null ? '' : `; the initial weights are in ${p.weights}`}`
      : `interrupted (${p.signal}) in epoch ${p.epoch}/${p.epochs} after ${p.updates} updates${p.weights === null ? '' : `; the weights so far are in ${p.weights}`}`,

  // ---- files -------------------------------------------------------------------------------------
  'fs.noSuchFile': () => 'no such file',
  'fs.permissionDenied': () => 'permission denied',
  'fs.isDirectory': () => 'it is a directory',
  'fs.notDirectory': () => 'a part of the path is not a directory',
  'fs.readOnly': () => 'read-only file system',
  'fs.other': (p: { message: string }) => p.message,
  'files.notRegular': (p: { file: string }) => `cannot write ${p.file}: it exists and is not a regular file; give another file name`,
  'files.cannotWrite': (p: { file: string; reason: string }) => `cannot write ${p.file}: ${p.reason}`,
  'files.noFolder': (p: { option: string; file: string; folder: string }) => `${p.option} ${p.file}: folder ${p.folder} does not exist; create it first or choose another path`,
  'files.parentNotFolder': (p: { option: string; file: string; folder: string }) => `${p.option} ${p.file}: ${p.folder} is not a folder`,
  'files.isFolder': (p: { option: string; file: string }) => `${p.option} ${p.file} is a folder; give a file name`,
  'files.emptyPath': (p: { folder: boolean }) => `the name is empty; give a ${p.folder ? 'folder' : 'file'} name`,
  'files.notRegularFile': (p: { option: string; file: string }) => `${p.option} ${p.file} is not a regular file (a device, pipe or socket); give a file name`,
  'files.cannotCreateIn': (p: { option: string; file: string; folder: string; reason: string }) =>
    `${p.option} ${p.file}: cannot create files in ${p.folder} (${p.reason}); choose another path`,
  'files.cannotCreateFolder': (p: { option: string; folder: string; reason: string }) => `${p.option} ${p.folder}: cannot create the folder (${p.reason}); choose another path`,
  'files.notAFolder': (p: { option: string; folder: string }) => `${p.option} ${p.folder} exists and is not a folder`,
  'files.cannotCreateInFolder': (p: { option: string; folder: string; reason: string }) =>
    `${p.option} ${p.folder}: cannot create files in this folder (${p.reason}); choose another path`,

  // ---- data files ------------------------------------------------------------------------------------
  'data.isDirectory': (p: { file: string }) => `${p.file} is a directory, not a data file: pass a .csv or .json file to --data`,
  'data.notRegular': (p: { file: string }) => `${p.file} is not a regular file (a pipe, socket or device): save the data to a .csv or .json file and pass that to --data`,
  'data.cannotRead': (p: { file: string; reason: string; hint: boolean }) =>
    `cannot read data file ${p.file}: ${p.reason}${p.hint ? '; check the path given to --data' : ''}`,
  'data.empty': (p: { file: string }) => `${p.file} is empty: a data file needs a header row and at least one data row`,
  'data.binary': (p: { file: string }) => `${p.file} is not a text file (it contains NUL bytes): pass a CSV or JSON file to --data`,
  'data.notJsonStart': (p: { file: string; start: string }) =>
    `${p.file} does not look like a JSON data file: it starts with "${p.start}", not {; a JSON data file looks like {"x": [1, 2], "y": [2, 4]}`,
  'data.noLineBreak': (p: { file: string; kib: number }) => `${p.file} does not look like CSV: no line break in its first ${p.kib} KiB; pass a CSV file with a header row`,
  'data.crOnly': (p: { file: string }) =>
    `${p.file}: its lines end in a carriage return alone (CR, classic Mac line endings); save it with LF or CRLF line endings, e.g. tr '\\r' '\\n'`,
  'data.controlCharacters': (p: { file: string }) => `${p.file} does not look like CSV: it contains control characters; pass a CSV or JSON text file`,
  'data.emptyHeader': (p: { file: string }) => `${p.file}: line 1 is empty: the first line must name the columns, e.g. x,y`,
  'data.emptyColumnName': (p: { file: string; column: number }) => `${p.file}: line 1, column ${p.column}: empty column name; name every column in the header row`,
  'data.headerIsData': (p: { file: string; name: string }) => `${p.file}: line 1 looks like data ("${p.name}"), not a header: add a header row naming the columns, e.g. x,y`,
  'data.duplicateColumn': (p: { file: string; name: string; first: number; second: number }) =>
    `${p.file}: line 1: column name "${p.name}" appears twice (columns ${p.first} and ${p.second}); make the names unique`,
  'data.singleColumn': (p: { file: string; header: string; separator: string | null }) =>
    `${p.file}: line 1 has a single column ("${p.header}"); ${
      p.separator === null
        ? 'give at least one feature and one target column, e.g. x,y'
        : `separate the columns with commas, not ${p.separator === '\t' ? 'tabs' : `"${p.separator}"`}`
    }`,
  'data.allTargets': (p: { file: string }) => `${p.file}: every column is a target, none is left as a feature; name fewer columns in --target`,
  'data.noRows': (p: { file: string }) => `${p.file}: the header is the only line: add data rows below it`,
  'data.cellCount': (p: { file: string; line: number; cells: number; columns: number }) =>
    `${p.file}: line ${p.line}: ${p.cells} cells but the header has ${p.columns} columns; give every row ${p.columns} cells`,
  'data.emptyCell': (p: { file: string; line: number; column: number; name: string }) =>
    `${p.file}: line ${p.line}, column ${p.column} (${p.name}): empty cell; fill in a number, or leave such rows out with --drop-missing`,
  'data.missingValue': (p: { file: string; line: number; column: number; name: string; cell: string }) =>
    `${p.file}: line ${p.line}, column ${p.column} (${p.name}): missing value "${p.cell}"; fill in a number, or leave such rows out with --drop-missing`,
  'data.labelAfterNumbers': (p: { file: string; line: number; column: number; name: string; cell: string; numberLine: number }) =>
    `${p.file}: line ${p.line}, column ${p.column} (${p.name}): "${p.cell}" is not a number, but the column held numbers above (line ${p.numberLine}); use numbers throughout, or text labels for every class`,
  'data.numberAfterLabels': (p: { file: string; line: number; column: number; name: string; cell: string; labelLine: number }) =>
    `${p.file}: line ${p.line}, column ${p.column} (${p.name}): ${p.cell} is a number, but the column held text labels above (line ${p.labelLine}); use text labels for every class, or numbers throughout`,
  'data.allMissing': (p: { file: string; rows: number }) => `${p.file}: every one of the ${p.rows} rows has a missing value, so --drop-missing leaves nothing to train on; fill in the values`,
  'data.notANumber': (p: { file: string; line: number; column: number; name: string; cell: string; infinite: boolean }) =>
    `${p.file}: line ${p.line}, column ${p.column} (${p.name}): "${p.cell}" is ${p.infinite ? 'not a finite number' : 'not a number'}; use plain decimal numbers`,
  'data.labelNeedsClassification': (p: { file: string; line: number; column: number; name: string; cell: string }) =>
    `${p.file}: line ${p.line}, column ${p.column} (${p.name}): "${p.cell}" is not a number; text class labels need a classification loss (--loss sparse_categorical_crossentropy), else use numbers`,
  'data.tooLarge': (p: { file: string; line: number; column: number; name: string; cell: string }) =>
    `${p.file}: line ${p.line}, column ${p.column} (${p.name}): ${p.cell} is too large for float32`,
  'data.unknownTarget': (p: { file: string; name: string; columns: string }) =>
    `${p.file}: --target names column "${p.name}", which is not in the header (columns: ${p.columns})`,
  'dataset.unknown': (p: { name: string; names: string }) => `--dataset: no embedded data set is called "${p.name}"; choose one of ${p.names}`,
  'dataset.missingFile': (p: { name: string; reason: string }) => `--dataset ${p.name}: its file cannot be read (${p.reason}); reinstall batchsim`,
  'data.notJson': (p: { file: string; message: string }) => `${p.file} is not valid JSON (${p.message}); a JSON data file looks like {"x": [1, 2], "y": [2, 4]}`,
  'data.notXy': (p: { file: string }) => `${p.file}: a JSON data file must be an object with "x" and "y" arrays, e.g. {"x": [1, 2], "y": [2, 4]}`,
  'data.lengths': (p: { file: string; x: number; y: number }) => `${p.file}: "x" has ${p.x} samples but "y" has ${p.y}; give both the same number`,
  'data.noSamples': (p: { file: string }) => `${p.file}: "x" and "y" are empty; add samples`,
  'data.notArray': (p: { where: string }) => `${p.where} must be an array of numbers or of equal-length arrays of numbers`,
  'data.emptySample': (p: { where: string }) => `${p.where}[0] is an empty array; every sample needs at least one value`,
  'data.mixed': (p: { where: string; row: number }) => `${p.where}[${p.row}] mixes numbers and arrays; use one form for every sample`,
  'data.width': (p: { where: string; row: number; values: number; width: number }) =>
    `${p.where}[${p.row}] has ${p.values} values but ${p.where}[0] has ${p.width}; give every sample the same number`,
  'data.notFinite': (p: { where: string; value: string }) => `${p.where} is ${p.value}, not a finite number`,

  // ---- weights files -------------------------------------------------------------------------------
  'weights.cannotRead': (p: { file: string; reason: string; hint: boolean }) =>
    `cannot read weights file ${p.file}: ${p.reason}${p.hint ? '; check the path given to --weights' : ''}`,
  'weights.notJson': (p: { file: string; message: string }) => `${p.file} is not valid JSON (${p.message}); a weights file looks like [[[0.5]], [0]]`,
  'weights.notArray': (p: { source: string }) => `${p.source}: weights must be a JSON array [W0, b0, W1, b1, ...] (Keras get_weights() order)`,
  'weights.count': (p: { source: string; arrays: number; layers: number; expected: number }) =>
    `${p.source}: ${p.arrays} arrays but the model has ${p.layers} layer(s) and needs ${p.expected} ([W0, b0, ...]); match --layers to the weights`,
  'weights.kernelShape': (p: { source: string; layer: number; index: number; shape: string; inputs: number; units: number }) =>
    `${p.source}: layer ${p.layer} kernel (W${p.index}) has shape ${p.shape} but the model needs [${p.inputs}, ${p.units}] (inputs × units); check --layers and the data's feature count`,
  'weights.biasShape': (p: { source: string; layer: number; index: number; shape: string; units: number }) =>
    `${p.source}: layer ${p.layer} bias (b${p.index}) has shape ${p.shape} but the model needs [${p.units}]`,
  'weights.notFinite': (p: { source: string; where: string; value: string }) => `${p.source}: ${p.where} is ${p.value}, not a finite float32 number`,
  'weights.aNumber': () => 'a number',

  // ---- train compare -------------------------------------------------------------------------------
  'compare.saveWeights': () => "--save-weights writes one run's weights; compare keeps every run's final weights in --format json or --out <dir>/runs.json",
  'metric.notTracked': (p: { metric: string; names: string; fix: 'validation' | 'metrics' | null; suggestion: string | null }) =>
    `--metric ${p.metric}: the runs do not track it; choose one of ${p.names}` +
    (p.fix === 'validation' ? ' (val_ histories need --validation-split, e.g. 0.2)' : p.fix === 'metrics' ? ' (track it with --metrics, e.g. --metrics accuracy)' : '') +
    (p.suggestion === null ? '' : `; did you mean ${p.suggestion}?`),
  'table.rankedBy': (p: { metric: string; higher: boolean }) => `rows ranked by the last epoch's ${p.metric}, best first (${p.higher ? 'higher' : 'lower'} is better)`,
  'compare.lrAndLrs': () => 'give --lr or --lrs, not both: --lrs 0.001,0.01 compares several',
  'compare.tooManySeeds': (p: { seeds: number; max: number }) => `--seeds ${p.seeds} is more than ${p.max}; fewer seeds already give a stable mean`,
  'compare.seedOverflow': (p: { seed: number; seeds: number }) => `--seed ${p.seed} with --seeds ${p.seeds} goes past 4294967295; choose a smaller --seed`,
  'compare.jsonAndFormat': (p: { format: string }) => `--json and --format ${p.format} disagree; give one of them`,
  'compare.arithmetic': (p: { batchSize: number; samples: number; steps: number; ofAll: boolean; breakdown: string; updates: number; epochs: number }) =>
    `batch ${p.batchSize}: ceil(${p.samples} / ${p.batchSize}) = ${plural(p.steps, 'step')}${p.ofAll ? ` of ${p.samples}` : ''}${p.breakdown} per epoch` +
    ` → ${plural(p.updates, 'update')} in ${plural(p.epochs, 'epoch')}`,
  'compare.duplicate': (p: { batchSize: number; times: number }) => `batch size ${p.batchSize} is given ${p.times} times: it runs once`,
  'compare.largerThanData': (p: { batchSize: number; samples: number }) => `batch ${p.batchSize} > ${p.samples} samples: one step of ${p.samples}`,
  'compare.fewUpdates': (p: { batchSize: number; updates: number; epochs: number; suggested: number }) =>
    `batch ${p.batchSize}: only ${plural(p.updates, 'update')} in ${plural(p.epochs, 'epoch')}, too few updates to compare; try --epochs ${p.suggested} or more`,
  'compare.series': (p: { batchSize: number; rate: string | null; seeds: number }) =>
    `batch ${p.batchSize}${p.rate === null ? '' : `, lr ${p.rate}`}${p.seeds > 1 ? ` (mean of ${p.seeds} seeds)` : ''}`,
  'compare.runHeader': (p: { seed: number; rate: string }) => `seed ${p.seed}, lr ${p.rate}`,
  'compare.diverged': (p: { batchSize: number; rate: string; seed: number; epoch: number; batch: number; stopped: boolean }) =>
    `batch ${p.batchSize}, lr ${p.rate}, seed ${p.seed}: the loss became NaN or infinite in epoch ${p.epoch}, batch ${p.batch}; ` +
    (p.stopped ? 'training stopped' : 'training went on (--on-nan continue)'),
  'compare.interrupted': (p: { signal: string; finished: number; total: number }) =>
    `interrupted (${p.signal}): ${p.finished} of ${p.total} runs finished; the results cover the runs so far ("interrupted": true in JSON)`,
  'compare.overhead': (p: { samples: number; parameters: number }) =>
    `note: ${plural(p.samples, 'sample')} × ${plural(p.parameters, 'weight')} is too little arithmetic to time: these times measure ` +
    `each step's fixed overhead, not the work a batch size saves; time with more data (e.g. --synthetic linear --samples 100000)`,
  'compare.lesson': (p: {
    small: number;
    smallUpdates: number;
    large: number;
    largeUpdates: number;
    epochs: number;
    smallLoss: string;
    largeLoss: string;
    lower: boolean;
    perUpdate: { coincide: boolean; updates: number; percent: number; at: number; smallLoss: string; largeLoss: string } | null;
    suggestX: boolean;
  }) =>
    `In ${plural(p.epochs, 'epoch')}, batch ${p.small} made ${plural(p.smallUpdates, 'update')} to batch ${p.large}'s ${p.largeUpdates} ` +
    `and ended at loss ${p.smallLoss} against ${p.largeLoss}: ` +
    (p.lower ? 'the smaller batch got further by updating more often' : 'more, noisier updates did not get it further here') +
    (p.perUpdate === null
      ? ''
      : p.perUpdate.coincide
        ? `; per update the curves nearly coincide (over the first ${plural(p.perUpdate.updates, 'update')} they stay within ${p.perUpdate.percent}% of the loss range)`
        : `; per update they differ: after ${plural(p.perUpdate.at, 'update')} batch ${p.small} was at ${p.perUpdate.smallLoss} and batch ${p.large} at ${p.perUpdate.largeLoss}, ${p.perUpdate.percent}% of the loss range apart`) +
    (p.suggestX ? '; compare them per update with --x update' : ''),
  'compare.sampleData': () => 'sample data (x = y = 1..6)',
  'compare.syntheticData': (p: { kind: string }) => `synthetic ${p.kind} data`,
  'compare.seeds': (p: { first: number; last: number | null }) => (p.last === null ? `seed ${p.first}` : `seeds ${p.first}–${p.last}`),
  'compare.weightsFile': (p: { file: string }) => `weights ${p.file}`,
  'compare.epochs': (p: { epochs: number }) => plural(p.epochs, 'epoch'),
  'compare.lossName': (p: { loss: string }) => `${p.loss} loss`,
  'compare.title': (p: { data: string; model: string; metric: string | null }) =>
    `${p.metric === null ? 'Training loss' : p.metric} by batch size: ${p.data}, ${p.model}`,
  'compare.details': (p: { loss: string; optimizer: string; rate: string | null; epochs: string; start: string; shuffle: boolean }) =>
    `${p.loss} loss, ${p.optimizer}${p.rate === null ? '' : ` lr ${p.rate}`}, ${p.epochs}, ${p.start}${p.shuffle ? '' : ', no shuffle'}`,
  'compare.legend': () => 'runs',
  'compare.scaledRate': (p: { rate: string; rule: string; baseBatchSize: number; warmupEpochs: number }) =>
    `${p.rate} at batch size ${p.baseBatchSize}, scaled ${p.rule === 'sqrt' ? 'by the square root' : 'linearly'}${p.warmupEpochs > 0 ? ` after ${p.warmupEpochs} warm-up epoch${p.warmupEpochs === 1 ? '' : 's'}` : ''}`,

  // ---- tables and charts ---------------------------------------------------------------------------
  'table.batch': () => 'batch',
  'table.lr': () => 'lr',
  'table.stepsPerEpoch': () => 'steps/epoch',
  'table.updates': () => 'updates',
  'table.finalLoss': () => 'final loss',
  'table.bestLoss': () => 'best loss (epoch)',
  'table.endLoss': () => 'end loss',
  'table.valLoss': () => 'val_loss',
  'table.timePerEpoch': () => 'time/epoch',
  'table.timePerStep': () => 'time/step',
  'table.samplesPerSecond': () => 'samples/s',
  'table.hidden': (p: { columns: string }) => `(not shown at this width: ${p.columns}; widen the terminal or use --format markdown)`,
  'chart.loss': (p: { loss: string | null }) => (p.loss === null ? 'loss' : `loss (${p.loss})`),
  'chart.x.epoch': () => 'epoch',
  'chart.x.update': () => 'optimizer updates',
  'chart.x.samples': () => 'training samples seen',
  'chart.sameAs': (p: { label: string; other: string }) => `${p.label}: the very same losses as ${p.other}, so one line shows both`,
  'chart.sameAsLegend': (p: { label: string; other: string }) => `${p.label} (same as ${p.other})`,
  'chart.overlap': () => 'two or more series in the same place',
  'chart.nothingToPlot': (p: { title: string }) => `${p.title}: no finite values to plot`,

  // ---- experiment files ----------------------------------------------------------------------------
  'experiment.cannotRead': (p: { file: string; reason: string }) => `cannot read experiment file ${p.file}: ${p.reason}`,
  'experiment.notParsable': (p: { file: string; format: string; message: string }) =>
    `${p.file} is not valid ${p.format} (${p.message}); an experiment file looks like {"epochs": 10, "grid": {"batchSize": [1, 6]}}`,
  'experiment.problem': (p: { file: string; problem: string }) => `${p.file}: ${p.problem}`,
  'experiment.problems': (p: { file: string; problems: readonly string[] }) =>
    `${p.file}: ${p.problems.length} problems: ${p.problems.map((problem, i) => `(${i + 1}) ${problem}`).join(' ')}`,
  'experiment.at': (p: { where: string; problem: string }) => `${p.where}: ${p.problem}`,
  'experiment.atPoint': (p: { point: string; problem: string }) => `grid point ${p.point}: ${p.problem}`,
  'experiment.setTwice': (p: { name: string }) => `${p.name} is set both at the top level and in grid; keep one`,
  'experiment.listedTwice': (p: { name: string; value: string }) => `grid.${p.name} lists ${p.value} twice; give each value once`,
  'experiment.tooManyRuns': (p: { size: number; max: number }) => `grid has ${p.size} points, more than ${p.max}; split the experiment into several files`,
  'experiment.unknownKey': (p: { key: string; suggestion: string | null; known: string }) =>
    `unknown key "${p.key}".${p.suggestion === null ? ` Known keys: ${p.known}.` : ` Did you mean "${p.suggestion}"?`}`,
  'experiment.notObject': (p: { value: string }) => `the file must hold one object of options, e.g. {"epochs": 10}; it holds ${p.value}`,
  'experiment.expected': (p: { expected: string; value: string }) => `expected ${p.expected}, got ${p.value}`,
  'experiment.emptyArray': (p: { minimum: number }) => `is empty; give at least ${p.minimum} value`,
  'experiment.emptyString': () => 'is empty',
  'experiment.bound': (p: { op: string; limit: number; value: string }) => `must be ${p.op} ${p.limit}, got ${p.value}`,
  'experiment.tooLong': (p: { maximum: number }) => `is too long (at most ${p.maximum})`,
  'experiment.notOneOf': (p: { value: string; names: string; suggestion: string | null }) =>
    `${p.value} is not one of ${p.names}.${p.suggestion === null ? '' : ` Did you mean "${p.suggestion}"?`}`,
  'experiment.badName': (p: { value: string }) => `${p.value} may hold only letters, digits, ".", "_" and "-", starting with a letter or digit`,
  'experiment.badTarget': (p: { value: string }) => `expected a column name or an array of names, e.g. "y" or ["y1", "y2"]; got ${p.value}`,
  'experiment.momentumWithAdam': () => 'momentum applies to optimizer sgd or rmsprop, not adam; drop momentum or choose sgd',
  'experiment.nesterovOptimizer': (p: { optimizer: string }) => `nesterov applies to optimizer sgd, not ${p.optimizer}; drop nesterov or choose sgd`,
  'experiment.nesterovMomentum': () => 'nesterov needs momentum > 0, e.g. "momentum": 0.9',
  'experiment.targetWithoutData': () => 'target names columns of a data CSV file; add "data" or drop "target"',
  'experiment.datasetAndData': () => '"dataset" names an embedded data set and "data" a data file; keep one of them',
  'experiment.dropMissingWithoutData': () => 'dropMissing leaves out rows of a data CSV file; add "data" or drop "dropMissing"',
  'experiment.classificationLossOnRegression': (p: { dataset: string; target: string; loss: string }) =>
    `loss ${p.loss} is a classification loss, but dataset ${p.dataset} is a regression data set (target ${p.target}); use "loss": "mae", "mse" or "huber"`,
  'experiment.targetNames': () => 'target must name each column once, without empty names, e.g. "y" or ["y1", "y2"]',
  'value.nothing': () => 'nothing',
  'value.array': () => 'an array',
  'value.object': () => 'an object',
  'value.number': () => 'a number',
  'value.wholeNumber': () => 'a whole number',
  'value.string': () => 'a string',
  'value.boolean': () => 'true or false',

  // ---- train sweep and train merge ---------------------------------------------------------------
  'shard.notIOfN': (p: { text: string }) => `"${p.text}" is not i/n, e.g. 2/3 for the second of three shards`,
  'shard.total': (p: { total: number; max: number }) => `${p.total} shards: give 1 to ${p.max}`,
  'shard.index': (p: { index: number; total: number }) => `shard ${p.index} of ${p.total}: the index counts from 1 to ${p.total}`,
  'shard.orAuto': (p: { problem: string }) => `${p.problem}; or give auto to read the CI's variables.`,
  'shard.notWhole': (p: { name: string; value: string }) => `--shard auto: ${p.name}=${p.value} is not a whole number`,
  'shard.missingVariable': (p: { set: string; missing: string }) => `--shard auto: ${p.set} is set but ${p.missing} is not; set both, or neither`,
  'shard.autoTotal': (p: { source: string; total: number; max: number }) => `--shard auto: ${p.source} gives ${p.total} shards; expected 1 to ${p.max}`,
  'shard.autoIndex': (p: { source: string; index: number; total: number }) => `--shard auto: ${p.source} gives shard ${p.index} of ${p.total}, outside 1..${p.total}`,
  'shard.kubernetesTotal': (p: { index: number }) =>
    `--shard auto: JOB_COMPLETION_INDEX=${p.index} gives the shard but not how many there are: give --shard auto/N or set BATCHSIM_SHARD_TOTAL=N (the Job's completions)`,
  'shard.autoTotalDiffers': (p: { source: string; total: number; given: number }) =>
    `--shard auto/${p.given}: ${p.source} gives ${p.total} shards, not ${p.given}; give --shard auto, or make the totals agree`,
  'shard.autoVariable': (p: { problem: string }) => `--shard auto: BATCHSIM_SHARD: ${p.problem}`,
  'sweep.noShardVariables': () => '--shard auto: no CI shard variables set (BATCHSIM_SHARD, CI_NODE_INDEX, CIRCLE_NODE_INDEX, JOB_COMPLETION_INDEX): running the whole grid',
  'sweep.shardFrom': (p: { index: number; total: number; source: string }) => `--shard auto: shard ${p.index}/${p.total} from ${p.source}`,
  'sweep.layersOutputs': (p: { layers: string; outputs: number; data: string; targets: number }) =>
    `layers "${p.layers}" ends with ${p.outputs} unit(s) but ${p.data} has ${p.targets} target column(s); make the last layer ${p.targets}`,
  'sweep.validationSplit': (p: { split: number; samples: number }) => `validationSplit ${p.split} of ${p.samples} samples leaves an empty training or validation part`,
  'sweep.testSplit': (p: { split: number; samples: number }) =>
    `testSplit ${p.split} of ${p.samples} samples leaves no sample for training or for the test part; choose a fraction that keeps at least one in each, e.g. 0.2`,
  'sweep.tornLineDropped': (p: { file: string }) => `${p.file}: dropped a half-written last line left by an interrupted sweep`,
  'sweep.foreignRuns': (p: { file: string; count: number; shard: boolean }) =>
    `${p.file} holds ${p.count} run(s) that are not part of this ${p.shard ? 'shard' : 'sweep'} (another experiment, configuration or version); they are kept`,
  'sweep.interrupted': (p: { present: number; total: number; file: string }) => `interrupted: ${p.present} of ${p.total} runs are in ${p.file}; run the same command again to finish`,
  'sweep.diverged': (p: { count: number; file: string }) => `${p.count} run(s) diverged (NaN or infinite loss); see "stopped" in ${p.file}`,
  'sweep.progress': () => 'runs [{bar}] {value}/{total} | ETA {eta_formatted}',
  'sweep.plan': (p: { experiment: string; gridSize: number; shard: string | null; selected: number; alreadyDone: number; toRun: number; workers: number; file: string }) =>
    `${p.experiment}: ${plural(p.gridSize, 'run')}${p.shard === null ? '' : `, shard ${p.shard} has ${p.selected}`}` +
    `${p.alreadyDone > 0 ? `; ${p.alreadyDone} already in ${p.file}` : ''}` +
    `${p.toRun === 0 ? '; nothing left to run' : `; running ${p.toRun} on ${plural(p.workers, 'worker')}`}`,
  'sweep.run': (p: { counter: string; point: string; loss: string; valLoss: string | null; metrics: string | null; endLoss: string; updates: number; time: string | null; diverged: boolean }) =>
    `${p.counter} ${p.point}: loss ${p.loss}${p.valLoss === null ? '' : `, val_loss ${p.valLoss}`}${p.metrics === null ? '' : `, ${p.metrics}`}, end loss ${p.endLoss}, ${plural(p.updates, 'update')}` +
    `${p.time === null ? '' : `, ${p.time}`}${p.diverged ? ' (diverged: NaN loss)' : ''}`,
  'sweep.done': (p: { written: number; file: string; created: boolean; present: number; selected: number; shard: string | null }) =>
    `${p.created ? `${plural(p.written, 'run')} written to ${p.file}` : `no runs to write, ${p.file} not created`}; ${p.present} of ${plural(p.selected, 'run')}${p.shard === null ? '' : ` of shard ${p.shard}`} done`,
  'sweep.singleRun': () => '(the single run)',
  'sweep.cannotReadWeights': (p: { file: string; reason: string }) => `cannot read weights file ${p.file}: ${p.reason}`,
  'results.isFolder': (p: { file: string }) => `${p.file} is a folder, not a results file; give a .jsonl file`,
  'results.cannotRead': (p: { file: string; reason: string }) => `cannot read results file ${p.file}: ${p.reason}`,
  'results.notRecord': (p: { file: string; line: number }) =>
    `${p.file}: line ${p.line} is not a batchsim run record; the file was changed by hand or written by another tool: remove the line or choose another file`,
  'results.otherVersion': (p: { file: string; line: number; version: number; expected: number }) =>
    `${p.file}: line ${p.line} is a run record of schema version ${p.version}, which this batchsim does not read (it writes version ${p.expected}); the file is left as it is: sweep again into a new results file (--out)`,
  'results.cannotWrite': (p: { file: string; reason: string }) => `cannot write results file ${p.file}: ${p.reason}`,
  'assert.summary': (p: { source: string; passed: number; total: number }) => `assert ${p.source}: ${p.passed} of ${plural(p.total, 'run')} pass`,
  'assert.fail': (p: { point: string; values: string }) => `  FAIL ${p.point}${p.values === '' ? '' : `: ${p.values}`}`,
  'assert.error': (p: { source: string; column: number; problem: string }) => `--assert "${p.source}": column ${p.column}: ${p.problem}`,
  'assert.notFinite': (p: { number: string }) => `${p.number} is not a finite number`,
  'assert.unexpected': (p: { char: string; write: '==' | '&&' | '||' | null }) =>
    `unexpected "${p.char}"${p.write === null ? '' : p.write === '==' ? ' (write == to compare)' : ` (write ${p.write})`}`,
  'assert.theEnd': () => 'the end of the expression',
  'assert.unknownField': (p: { name: string; suggestion: string | null; fields: string }) =>
    `unknown field "${p.name}".${p.suggestion === null ? '' : ` Did you mean "${p.suggestion}"?`} Fields: ${p.fields}`,
  'assert.unclosed': (p: { column: number; found: string }) => `expected ")" to close the "(" at column ${p.column}, found ${p.found}`,
  'assert.expectedValue': (p: { found: string }) => `expected a number, a field, "!" or "(", found ${p.found}`,
  'assert.chained': () => 'comparisons do not chain; write a < b && b < c',
  'assert.empty': () => 'the expression is empty; e.g. --assert "finalLoss < 0.5"',
  'assert.tooDeep': (p: { max: number }) => `nested more than ${p.max} levels deep (parentheses and "!"); write a flatter expression`,
  'assert.expectedEnd': (p: { found: string }) => `expected "&&", "||" or the end, found ${p.found}`,
  'assert.notOnCondition': () => '"!" applies to a condition; write e.g. !(finalLoss < 0.5)',
  'assert.joinsConditions': (p: { op: string }) => `"${p.op}" joins conditions; compare the number, e.g. finalLoss < 0.5`,
  'assert.mixedTypes': (p: { op: string; left: 'number' | 'boolean'; right: 'number' | 'boolean' }) => `"${p.op}" compares a ${p.left} with a ${p.right}`,
  'assert.orderedBooleans': (p: { op: string }) => `"${p.op}" compares numbers; true/false take == or !=`,
  'assert.notCondition': () => 'the expression is a number, not a condition; compare it, e.g. finalLoss < 0.5',
  'merge.tornLineIgnored': (p: { file: string }) => `${p.file}: ignored a half-written last line left by an interrupted sweep`,
  'merge.summary': (p: { experiment: string; gridSize: number; found: number; missing: number; duplicated: number; foreign: number }) =>
    `${p.experiment}: ${plural(p.gridSize, 'grid point')}; ` +
    [
      `${p.found} found`,
      ...(p.missing > 0 ? [`${p.missing} missing`] : []),
      ...(p.duplicated > 0 ? [`${p.duplicated} duplicated`] : []),
      ...(p.foreign > 0 ? [`${p.foreign} not in the experiment`] : []),
    ].join(', '),
  'merge.missing': (p: { point: string }) => `  missing: ${p.point}`,
  'merge.duplicated': (p: { point: string; files: string }) => `  duplicated: ${p.point} (in ${p.files})`,
  'merge.foreign': (p: { point: string; file: string; experiment: string; version: string }) =>
    `  not in the experiment: ${p.point} in ${p.file} (experiment ${p.experiment}, version ${p.version}: another configuration or version)`,
  'merge.more': (p: { count: number }) => `  … and ${p.count} more`,
  'merge.title': (p: { experiment: string; runs: number }) => `Sweep ${p.experiment}: ${plural(p.runs, 'run')}`,
  'merge.allRuns': () => 'all runs',
  'merge.meanOfSeeds': (p: { name: string; seeds: number }) => `${p.name} (mean of ${p.seeds} seeds)`,
  'merge.legend': () => 'grid point',

  // ---- --explain ---------------------------------------------------------------------------------
  'explain.title': () => 'What this run does',
  'explain.samples': (p: { total: number; train: number; validation: number }) =>
    p.validation > 0 ? `${p.total} samples: ${p.train} to train on, the last ${p.validation} held out for validation` : `${p.total} samples, all used for training`,
  'explain.batchSize': (p: { batchSize: number }) => `batch size ${p.batchSize}: each optimizer update looks at up to ${plural(p.batchSize, 'sample')}`,
  'explain.steps': (p: { n: number; b: number; steps: number }) => `ceil(${p.n} / ${p.b}) = ${p.steps} step${p.steps === 1 ? '' : 's'} per epoch`,
  'explain.batchTooLarge': (p: { b: number; n: number }) => `the batch size ${p.b} is larger than the ${p.n} samples, so each epoch is one batch of all ${p.n} (full batch)`,
  'explain.fullBatch': () => 'one batch holds every sample: this is full-batch training, one update per epoch',
  'explain.batches': (p: { sizes: string; short: boolean }) =>
    p.short ? `batch sizes ${p.sizes}: the short batch comes last and is never dropped` : `batch sizes ${p.sizes}`,
  'explain.updates': (p: { steps: number; epochs: number; updates: number }) =>
    `${p.steps} step${p.steps === 1 ? '' : 's'} × ${p.epochs} epoch${p.epochs === 1 ? '' : 's'} = ${p.updates} optimizer update${p.updates === 1 ? '' : 's'} in all`,
  'explain.loss': (p: { loss: string }) =>
    `the logged loss (${p.loss}) is the running mean of the batch losses in the epoch, weighted by batch size; each batch's loss is taken before its update`,
  'explain.lossOneStep': () => 'with one step per epoch, the logged loss is the loss at the weights the epoch started from, before its update',
  'explain.shuffleOn': (p: { seed: number }) => `shuffling is on: every epoch puts the samples in a new random order (seed ${p.seed}), so each batch holds different samples each epoch`,
  'explain.shuffleOff': () => 'shuffling is off: every epoch cuts the samples in the same order, so each batch always holds the same samples',
  'explain.validation': (p: { count: number }) =>
    `val_loss: the loss on the ${p.count} held-out sample${p.count === 1 ? '' : 's'} (taken from the end, before shuffling) at the weights after each epoch's last update`,
  'explain.test': (p: { count: number; total: number }) =>
    `the last ${plural(p.count, 'sample')} of all ${p.total} were held out first as the test part (--test-split): training never sees them; they are evaluated once at the end, as model.evaluate`,
  'explain.endLoss': () => 'end_loss: the loss on all training samples at the weights after each epoch, the fair number to compare runs with',

  // ---- --show-batches ------------------------------------------------------------------------------
  'batches.epoch': (p: { epoch: number; shuffled: boolean }) => `batches of epoch ${p.epoch}${p.shuffled ? ' (shuffled)' : ' (in order)'}:`,
  'batches.more': (p: { count: number }) => `… ${p.count} more batch${p.count === 1 ? '' : 'es'}`,
  'batches.loss': (p: { loss: string; mean: string }) => `loss ${p.loss}, running mean ${p.mean}`,
  'batches.mean': (p: { loss: string }) => `the logged loss is this running mean: loss: ${p.loss}`,
  'batches.sameAsBefore': () => 'same batches as before (shuffling is off)',
  'fs.notRegular': () => 'not a regular file (a pipe, device or socket)',
  'fs.tooBig': (p: { mib: number }) => `larger than ${p.mib} MiB, more than batchsim reads`,
  'fs.noSpace': () => 'no space left on the device (the disk is full)',
  'fs.nameTooLong': () => 'the file name is too long',
  'fs.fileTooLarge': () => 'the file would be larger than this process may write (ulimit -f)',
  'files.sameAsInput': (p: { option: string; file: string; input: string; inputFile: string }) => `${p.option} ${p.file} is the same file as ${p.input} ${p.inputFile}: writing it would destroy that input; give another file name`,
  'files.sameOutput': (p: { option: string; file: string; other: string; otherFile: string }) => `${p.option} ${p.file} and ${p.other} ${p.otherFile} are the same file, and one would overwrite the other; give each output its own file`,
  'files.danglingLink': (p: { option: string; file: string; target: string }) => `${p.option} ${p.file} is a link to ${p.target}, which does not exist; remove the link or give another file name`,
  'files.nameTooLong': (p: { option: string; file: string; max: number }) => `${p.option} ${p.file}: the file name is longer than ${p.max} bytes; give a shorter name`,
  'results.notResults': (p: { file: string; line: number }) => `--out ${p.file} is not a batchsim results file (line ${p.line} is not a run record) and would be changed; give a new file name or an existing results file`,
  'results.locked': (p: { file: string; pid: string }) => `--out ${p.file} is being written by another sweep (process ${p.pid}); wait for it to finish or give another file (remove ${p.file}.lock only if no sweep is running)`,
  'results.forged': (p: { file: string; line: number }) => `${p.file}: line ${p.line} is a run record whose contents do not match its id (edited by hand, or from another version); remove the line and run that point again`,

  // ---- train lab (lab-en.ts) ------------------------------------------------------------------------
  ...labEn,
} as const;

export type Catalogue = { readonly [K in keyof typeof en]: (typeof en)[K] };
export type MessageKey = keyof Catalogue;
