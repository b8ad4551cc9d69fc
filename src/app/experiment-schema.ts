/**
 * The experiment file's schema, declared once with zod: it checks files as they are read and
 * is published as JSON Schema (schema/experiment.schema.json) so that editors complete and check
 * them too. Keys are the `train` options in camelCase, plus `name` and `grid`.
 */
import { z } from 'zod';
import { ACTIVATIONS } from '../core/activations.js';
import { LOSSES } from '../core/loss.js';
import { METRIC_NAMES } from '../core/metrics.js';
import { OPTIMIZERS } from '../core/optimizers.js';
import { DATASET_NAMES } from '../io/dataset-catalogue.js';
import { MAX_COUNT } from './argument-error.js';

/** Where editors find the published schema (the `$schema` key of an experiment file). */
export const SCHEMA_FILE = 'schema/experiment.schema.json';

const count = (what: string, example: number) =>
  z.int().min(1).max(MAX_COUNT).meta({ description: what, examples: [example] });

/** `units[:activation]` items, comma-separated; checked in full by parseLayers. */
const LAYERS_PATTERN = `^\\s*\\d+(\\s*:\\s*(${ACTIVATIONS.join('|')}))?\\s*(,\\s*\\d+(\\s*:\\s*(${ACTIVATIONS.join('|')}))?\\s*)*$`;

/** One schema per option; `grid` takes a non-empty array of the same values. */
export const OPTION_SCHEMAS = {
  batchSize: count('samples per optimizer step (Keras default 32)', 32),
  epochs: count('passes over the training data (default 1)', 10),
  learningRate: z
    .number()
    .positive()
    .meta({ description: "learning rate (default: the optimizer's Keras default: adam 0.001, sgd 0.01, rmsprop 0.001)", examples: [0.001] }),
  optimizer: z.enum(OPTIMIZERS).meta({ description: 'optimizer (default adam)' }),
  momentum: z.number().min(0).lt(1).meta({ description: 'momentum for sgd and rmsprop, in [0, 1) (default 0)', examples: [0.9] }),
  nesterov: z.boolean().meta({ description: 'Nesterov momentum (sgd, with momentum > 0)' }),
  loss: z.enum(LOSSES).meta({ description: 'loss (default mae)' }),
  metrics: z
    .array(z.enum(METRIC_NAMES))
    .min(1)
    .meta({ description: 'metrics tracked like the loss, as compile(metrics=[...]); "accuracy" resolves by the loss as Keras resolves it', examples: [['accuracy']] }),
  layers: z.string().meta({
    description: 'comma-separated units[:activation], the last is the output layer (default "1")',
    pattern: LAYERS_PATTERN,
    examples: ['8:relu,1'],
  }),
  data: z.string().min(1).meta({
    description: 'CSV with a header row, or JSON {"x": [...], "y": [...]}, relative to the experiment file (default: the sample x = y = 1..6)',
    examples: ['points.csv'],
  }),
  dataset: z.enum(DATASET_NAMES as [string, ...string[]]).meta({
    description:
      'an embedded data set instead of a data file (train datasets lists them); a classification set defaults to sparse_categorical_crossentropy, a K:softmax output layer and accuracy',
    examples: ['iris'],
  }),
  standardize: z.boolean().meta({ description: "scale each feature by the training part's mean and standard deviation, as a Keras Normalization layer adapted on it (default false)" }),
  testSplit: z
    .number()
    .gt(0)
    .lt(1)
    .meta({ description: 'fraction of the samples, taken from the end before the validation part, held out and evaluated once after training (default: none)', examples: [0.2] }),
  dropMissing: z.boolean().meta({ description: 'leave out rows of the data CSV with a missing value (an empty cell, NA or NaN) instead of refusing the file (default false)' }),
  target: z
    .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
    .meta({ description: 'target column(s) of the CSV or the data set: "y" or ["y1", "y2"] (default: the last column, or the data set\'s target)' }),
  seed: z.int().min(0).max(0xffffffff).meta({ description: 'seed for the initial weights and the shuffles (default 42)', examples: [1] }),
  shuffle: z.boolean().meta({ description: 'shuffle the samples every epoch (default true, as Keras)' }),
  validationSplit: z
    .number()
    .min(0)
    .lt(1)
    .meta({ description: 'fraction of the samples, taken from the end, held out for val_loss; 0 for none (default 0)', examples: [0.2] }),
  weights: z.string().min(1).meta({
    description: 'initial weights, JSON [W0, b0, W1, b1, ...] in Keras get_weights() order, relative to the experiment file (default: glorot-uniform from the seed)',
  }),
} as const;

export type OptionName = keyof typeof OPTION_SCHEMAS;
export const OPTION_NAMES = Object.keys(OPTION_SCHEMAS) as OptionName[];

type OptionValues = { [K in OptionName]?: z.infer<(typeof OPTION_SCHEMAS)[K]> };

const gridShape = Object.fromEntries(
  OPTION_NAMES.map((name) => [
    name,
    z
      .array(OPTION_SCHEMAS[name] as z.ZodType)
      .min(1)
      .optional()
      .meta({ description: `values of ${name} to sweep`, uniqueItems: true }),
  ]),
) as { [K in OptionName]: z.ZodOptional<z.ZodArray<(typeof OPTION_SCHEMAS)[K]>> };

const optionShape = Object.fromEntries(OPTION_NAMES.map((name) => [name, OPTION_SCHEMAS[name].optional()])) as {
  [K in OptionName]: z.ZodOptional<(typeof OPTION_SCHEMAS)[K]>;
};

export const experimentSchema = z
  .strictObject({
    $schema: z.string().optional().meta({ description: 'the JSON Schema of this file, for editors' }),
    name: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/)
      .max(100)
      .optional()
      .meta({ description: 'names the experiment and its default results file <name>.jsonl (default: the file name)', examples: ['batch-vs-lr'] }),
    ...optionShape,
    grid: z
      .strictObject(gridShape)
      .optional()
      .meta({ description: 'options to sweep, each a non-empty array of values; every combination is one run' }),
  })
  .meta({ title: 'batchsim experiment', description: 'A batchsim experiment: train options plus a grid of values to sweep (train sweep <file>).' });

export type ExperimentInput = OptionValues & {
  $schema?: string;
  name?: string;
  grid?: { [K in OptionName]?: Array<NonNullable<OptionValues[K]>> };
};

/** The published JSON Schema text, generated from the zod schema. */
export function experimentJsonSchemaText(): string {
  const schema = z.toJSONSchema(experimentSchema, { io: 'input', target: 'draft-2020-12' });
  return `${JSON.stringify(schema, null, 2)}\n`;
}
