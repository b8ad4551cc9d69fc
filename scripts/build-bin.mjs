/**
 * Bundles the `train` executable after `tsc` has built dist/.
 *
 * Node 20 loads thirty small ES modules far more slowly than one file of the same code: on the
 * benchmark machine `train -b 3 -e 10` took 1.7× a bare `node -e 0` unbundled and 1.4× bundled
 * (docs/performance.md). So src/bin.ts and everything it imports statically go into
 * dist/cli/main.js; what it imports dynamically (the subcommands, colour) goes into chunks next to
 * it, loaded only when used. Packages other than commander (which every start needs) and zod
 * stay external and load from node_modules as before. dist/bin.js becomes a two-line launcher.
 *
 * The bundle lives in dist/cli/, where tsc put program.js, so `import.meta.url` means the same
 * folder depth in both builds (app/version.ts reads ../../package.json, app/sweep-pool.ts starts
 * ../app/sweep-worker.js from there). The library (dist/index.js) stays unbundled; the sweep worker
 * is bundled on its own, into the file tsc wrote for it.
 */
import { build } from 'esbuild';
import { chmodSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

// Chunk names carry a content hash: drop the previous build's.
for (const name of readdirSync('dist/cli')) if (/^main[.-]/.test(name)) rmSync(`dist/cli/${name}`);

await build({
  entryPoints: { main: 'src/bin.ts' },
  outdir: 'dist/cli',
  chunkNames: 'main-[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  plugins: [
    {
      // zod too: Node loads its forty-odd module files in about twice the time it takes to load
      // them as one (a tenth of a second on the benchmark machine), on every start of a command
      // that reads an experiment or results file. It lands in those commands' chunks only.
      name: 'packages-stay-external-except-commander-and-zod',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) => (args.path === 'commander' || args.path === 'zod' || args.path.startsWith('zod/') ? undefined : { external: true }));
      },
    },
    {
      // commander loads node:child_process at start for executable subcommands, which batchsim
      // has none of; Node takes about 4 ms to load it (and node:net with it), 6% of a bare
      // start. It is loaded on first use instead.
      name: 'commander-child-process-on-first-use',
      setup(b) {
        b.onLoad({ filter: /commander[\\/]lib[\\/]command\.js$/ }, (args) => {
          const source = readFileSync(args.path, 'utf8');
          const eager = "const childProcess = require('node:child_process');";
          if (!source.includes(eager)) throw new Error(`commander changed: ${eager} not found in ${args.path}`);
          const lazy = "const childProcess = { spawn: (...a) => require('node:child_process').spawn(...a) };";
          return { contents: source.replace(eager, lazy), loader: 'js' };
        });
      },
    },
  ],
  // commander is CommonJS: its require() calls of Node's modules need a real require.
  banner: { js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);" },
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

writeFileSync('dist/bin.js', "#!/usr/bin/env node\nimport './cli/main.js';\n");
chmodSync('dist/bin.js', 0o755);
