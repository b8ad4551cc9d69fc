// Loads one CSV file with batchsim's loader (the built dist/) and prints, as JSON, how long it
// took and the process's peak resident set size.
import { loadDataset } from '../dist/io/data.js';

const start = performance.now();
const data = loadDataset(process.argv[2]);
const seconds = (performance.now() - start) / 1000;
console.log(JSON.stringify({ rows: data.samples, columns: data.features + data.outputs, seconds, peakMB: process.resourceUsage().maxRSS / 1024 }));
