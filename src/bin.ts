#!/usr/bin/env node
import { run } from './cli/program.js';
import { nodeIo } from './cli/node-io.js';

process.exitCode = await run(process.argv.slice(2), nodeIo());
