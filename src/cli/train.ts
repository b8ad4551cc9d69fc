/**
 * The `train` command: check every output, load the inputs, train one run, and choose where its
 * views go (the Keras log, the JSON document, the weights file, the notes on stderr).
 */
import type { CliIo } from '../app/io.js';
import type { LearnerConfig, TrainConfig } from '../app/run-spec.js';
import { kerasScriptText, loadTrainInputs, savedWeightsText, trainEnding, trainSession } from '../app/train.js';
import { VERSION } from '../app/version.js';
import { english, msg, type Translator } from '../i18n/message.js';
import { InputError } from '../io/errors.js';
import { runRecord, toJson } from '../training/record.js';

export async function trainAction(config: TrainConfig, learner: LearnerConfig, io: CliIo, t: Translator = english): Promise<number> {
  // Every check that can fail comes before training.
  if (learner.emitKeras && config.json) throw new InputError(msg('train.emitKerasJson'));
  // Like the data reader, the file writers and the weights reader load only when a file is named.
  const files = config.saveWeights !== null || learner.csvLog !== null ? await import('../io/files.js') : null;
  if (files !== null) {
    // Outputs are checked against the inputs and each other by file identity, before any work.
    const { checkFileSet, named } = await import('../io/file-set.js');
    const { datasetInputs } = await import('../io/dataset-catalogue.js');
    checkFileSet(
      [...named({ '--data': config.data, '--weights': config.weightsFile }), ...datasetInputs(config.dataset)],
      named({ '--save-weights': config.saveWeights, '--csv-log': learner.csvLog }),
    );
  }
  const inputs = await loadTrainInputs(config);
  if (learner.emitKeras) {
    io.stdout.write(await kerasScriptText(config, inputs, io, VERSION));
    return 0;
  }

  const outcome = await trainSession(config, learner, inputs, io, t);
  let saved: boolean | null = null;
  if (config.saveWeights !== null) {
    const text = savedWeightsText(outcome);
    if (text !== null) files!.writeFileAtomic(config.saveWeights, text);
    saved = text !== null;
  }
  if (config.json) {
    const { data } = inputs;
    const { result, timings, invalidLoss, test } = outcome;
    const record = runRecord({
      version: VERSION,
      spec: config.spec,
      data,
      result,
      timings: config.timings ? timings : null,
      invalidLoss,
      test,
    });
    io.stdout.write(toJson(record));
  }
  const { notes, exitCode } = trainEnding(config, outcome, saved, t);
  for (const note of notes) io.stderr.write(`${note}\n`);
  return exitCode;
}
