#!/usr/bin/env node
import { run } from './cli/program.js';
import { nodeIo } from './cli/node-io.js';

// No top-level await: the executable runs this as one classic script (scripts/build-bin.mjs).
void run(process.argv.slice(2), nodeIo()).then((code) => {
  process.exitCode = code;
});
