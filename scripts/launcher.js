#!/usr/bin/env node
/*
 * The `train` executable (copied to dist/bin.js by scripts/build-bin.mjs). It runs the bundle
 * dist/cli/main.cjs as one classic script compiled with V8's code cache, dist/cli/main.cjs.cache:
 * Node 20 has no code cache for ES modules, and resolving, reading and compiling them is most of
 * what a start costs beyond a bare `node`.
 *
 * The cache belongs to one V8 version and set of flags. When it is missing or V8 rejects it
 * (another Node), the bundle compiles from its source as any script would, and a fresh cache is
 * written at exit for the next start, unless Node was started with options of its own (they may
 * change V8's flags, and the cache is kept for a plain start) or the folder is not writable;
 * a cache that cannot be written is no error.
 *
 * BATCHSIM_STARTUP_DEBUG=1 prints to stderr, at exit, whether the cache was used and which of
 * Node's built-in modules were loaded.
 */
const builtin = process.getBuiltinModule ?? (await import('node:module')).createRequire(import.meta.url);
const { readFileSync, renameSync, rmSync, writeFileSync } = builtin('node:fs');
const { Script } = builtin('node:vm');
const { fileURLToPath } = builtin('node:url');

const bundleUrl = new URL('./cli/main.cjs', import.meta.url);
const bundle = fileURLToPath(bundleUrl);
const cacheFile = `${bundle}.cache`;
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
// The bundle is ASCII (scripts/build-bin.mjs), so Latin-1 reads it exactly, and fastest.
const script = new Script(readFileSync(bundle, 'latin1'), { filename: bundle, cachedData });
const used = cachedData !== undefined && !script.cachedDataRejected;
if (!used && process.execArgv.length === 0 && !process.env.NODE_OPTIONS) {
  process.once('exit', () => {
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    try {
      writeFileSync(temporary, script.createCachedData());
      renameSync(temporary, cacheFile);
    } catch {
      rmSync(temporary, { force: true });
    }
  });
}
if (process.env.BATCHSIM_STARTUP_DEBUG === '1') {
  process.once('exit', () => {
    const modules = process.moduleLoadList.filter((name) => name.startsWith('NativeModule ')).map((name) => name.slice(13));
    process.stderr.write(`${JSON.stringify({ codeCache: cachedData === undefined ? 'missing' : used ? 'used' : 'rejected', modules })}\n`);
  });
}
// The bundle's `require` (Node's modules, and the packages it leaves in node_modules through a
// require made on first use, since node:module loads more modules), its `import.meta`, and
// `import()` for the packages that are ES modules only (vega, vega-lite).
let packages;
const require = (id) => (id.startsWith('node:') ? builtin(id) : (packages ??= builtin('node:module').createRequire(bundleUrl))(id));
script.runInThisContext()(require, { url: bundleUrl.href }, (specifier) => import(specifier));
