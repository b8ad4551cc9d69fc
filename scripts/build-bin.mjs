/**
 * Bundles the `train` executable after `tsc` has built dist/.
 *
 * Node 20 loads thirty small ES modules far more slowly than one file of the same code, and it
 * keeps no code cache for ES modules at all. So src/bin.ts and everything it imports go into one
 * classic script, dist/cli/main.cjs, which dist/bin.js (scripts/launcher.js) compiles with V8's
 * code cache, dist/cli/main.cjs.cache, made here by one training run. On the benchmark machine
 * `train -b 3 -e 10` took 1.7× a bare `node -e 0` unbundled, 1.4× as ES module chunks, and 1.2×
 * as this script (docs/performance.md).
 *
 * Everything is in the one file, but what src imports dynamically (the subcommands, colour, the
 * Korean messages) stays a function that runs only when imported: esbuild turns such an import
 * into a lazy initialiser, and V8 compiles a function only when it is first called. Packages
 * other than commander (which every start needs) and chalk (an ES module imported statically)
 * stay external: `require` loads them from node_modules when first used, and the ES-module-only
 * vega and vega-lite are imported through the launcher.
 * zod stays external too: bundled, it doubles the script and its code cache, and every start
 * (not only the commands that read experiment or results files) paid for it: 1.37× a bare node
 * against 1.22× in one interleaved measurement.
 *
 * The bundle lives in dist/cli/, where tsc put program.js, so `import.meta.url` means the same
 * folder depth in both builds (app/version.ts reads ../../package.json, app/sweep-pool.ts starts
 * ../app/sweep-worker.js from there). The library (dist/index.js) stays unbundled; the sweep worker
 * is bundled on its own, into the file tsc wrote for it.
 */
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const BUNDLED_PACKAGES = new Set(['commander', 'chalk']);
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

// The previous build's bundle, ES module chunks and code cache.
for (const name of readdirSync('dist/cli')) if (/^main[.-]/.test(name)) rmSync(`dist/cli/${name}`);

await build({
  entryPoints: ['src/bin.ts'],
  outfile: 'dist/cli/main.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  // The launcher calls the script's one function with a `require`, `import.meta` and `import()`.
  banner: { js: '(function (require, __importMeta, __import) {\n"use strict";' },
  footer: { js: '})' },
  define: { 'import.meta': '__importMeta' },
  plugins: [
    {
      // app/version.ts reads package.json through require() at start, which costs Node's module
      // resolution (a few ms); the bundle has the version written in.
      name: 'version-written-in',
      setup(b) {
        b.onLoad({ filter: /[\\/]src[\\/]app[\\/]version\.ts$/ }, () => ({ contents: `export const VERSION: string = ${JSON.stringify(version)};`, loader: 'ts' }));
      },
    },
    {
      name: 'packages-stay-external-except-commander-and-chalk',
      setup(b) {
        b.onResolve({ filter: /^[^./#]/ }, (args) => (BUNDLED_PACKAGES.has(args.path) || args.path.startsWith('node:') ? undefined : { external: true }));
      },
    },
    {
      // commander loads node:child_process at start for executable subcommands, which batchsim
      // has none of; Node takes about 4 ms to load it (and node:net with it), 6% of a bare
      // start. It is loaded on first use instead.
      name: 'commander-child-process-on-first-use',
      setup(b) {
        b.onLoad({ filter: /commander[\\/]lib[\\/]command\.js$/ }, async (args) => {
          const { readFileSync } = await import('node:fs');
          const source = readFileSync(args.path, 'utf8');
          const eager = "const childProcess = require('node:child_process');";
          if (!source.includes(eager)) throw new Error(`commander changed: ${eager} not found in ${args.path}`);
          const lazy = "const childProcess = { spawn: (...a) => require('node:child_process').spawn(...a) };";
          return { contents: source.replace(eager, lazy), loader: 'js' };
        });
      },
    },
  ],
});

// A sweep worker is one file too, in place of tsc's dist/app/sweep-worker.js, where the pool
// starts it from (both the executable's bundle and the unbundled library's sweep-pool.js): every
// worker loads its modules afresh, and one file loads in a fraction of the time of the twenty it
// imports.
await build({
  entryPoints: ['src/app/sweep-worker.ts'],
  outfile: 'dist/app/sweep-worker.js',
  allowOverwrite: true,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  plugins: [
    {
      name: 'packages-stay-external',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, () => ({ external: true }));
      },
    },
  ],
});

// A classic script cannot import() an ES module without a callback that V8 forgets for code read
// from the cache: the bundle's imports of packages (vega, vega-lite) call the launcher's import().
const bundle = readFileSync('dist/cli/main.cjs', 'utf8');
const imports = [...bundle.matchAll(/\bimport\("([^"]+)"\)/g)].map((match) => match[1]);
for (const specifier of imports) if (/^[./]/.test(specifier)) throw new Error(`dist/cli/main.cjs imports a file, ${specifier}, outside the bundle`);
// esbuild writes strings and regular expressions in ASCII; what is left (a few comments) is
// escaped too, so that the launcher reads the file as Latin-1, the fastest way to a V8 string.
const ascii = bundle.replace(/\bimport\("([^"]+)"\)/g, '__import("$1")').replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
writeFileSync('dist/cli/main.cjs', ascii);

copyFileSync('scripts/launcher.js', 'dist/bin.js');
rmSync('dist/bin.js.map', { force: true }); // tsc's map of src/bin.ts, which dist/bin.js no longer is
chmodSync('dist/bin.js', 0o755);

// One plain run writes the code cache (the launcher does so when there is none), with the
// functions a training run compiles in it.
const env = { ...process.env, NO_COLOR: '1' };
delete env.NODE_OPTIONS;
const warm = spawnSync(process.execPath, ['dist/bin.js', '--batch-size', '3', '--epochs', '10'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
if (warm.status !== 0) throw new Error(`dist/bin.js --batch-size 3 --epochs 10 exited with ${warm.status}`);
if (!existsSync('dist/cli/main.cjs.cache')) throw new Error('dist/bin.js wrote no code cache (dist/cli/main.cjs.cache)');
