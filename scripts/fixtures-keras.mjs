// npm run fixtures:keras — regenerates the real-Keras fixtures (test/fixtures/keras/runs.json and
// classification.json) and the Keras 3 terminal captures (test/golden/keras3-terminal/) with a local Keras 3.
// The Python comes from BATCHSIM_KERAS_PYTHON, else /tmp/keras-venv/bin/python if it exists.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const fallback = '/tmp/keras-venv/bin/python';
const python = process.env.BATCHSIM_KERAS_PYTHON || (existsSync(fallback) ? fallback : null);
if (python === null) {
  console.error(
    'fixtures:keras needs a Python with Keras 3 and TensorFlow: set BATCHSIM_KERAS_PYTHON to it ' +
      `(for example: python3 -m venv ${fallback.replace('/bin/python', '')} && ${fallback.replace('python', 'pip')} install tensorflow_cpu==2.21.0)`,
  );
  process.exit(2);
}
for (const [script, ...args] of [['scripts/keras-fixtures.py'], ['scripts/keras-fixtures.py', '--set', 'classification'], ['scripts/keras-warmup-fixtures.py'], ['scripts/keras-terminal.py'], ['scripts/keras-datasets.py']]) {
  const { status, error } = spawnSync(python, [script, ...args], { stdio: 'inherit' });
  if (error) {
    console.error(`fixtures:keras could not run ${python}: ${error.message}; set BATCHSIM_KERAS_PYTHON to a Python with Keras`);
    process.exit(2);
  }
  if (status !== 0) process.exit(status ?? 1);
}
