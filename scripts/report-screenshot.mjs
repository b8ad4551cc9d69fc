#!/usr/bin/env node
/**
 * The lab's report page in a real browser: runs a small `train lab --report`, has headless
 * Chromium (Debian's `chromium` package) render the page to a PNG, and checks that the picture is
 * not blank — that enough of its pixels are not white, in the rows where the charts are too.
 * `npm test` does not need a browser (test/cli/lab.test.ts checks the page's markup); this is
 * `npm run test:report`.
 *
 *   node scripts/report-screenshot.mjs [--save docs/lab-report.png] [-- <train lab options>]
 *
 * Exits 0 when the screenshot is non-blank, 1 when it is blank, 2 when Chromium is missing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const saveAt = args.indexOf('--save');
const save = saveAt >= 0 ? args[saveAt + 1] : null;
const dash = args.indexOf('--');
const labArgs =
  dash >= 0
    ? args.slice(dash + 1)
    : ['--synthetic', 'linear', '--samples', '512', '--loss', 'mse', '--validation-split', '0.25', '--batch-sizes', '1,2,4,8,16,32,64,128', '--target-loss', '0.05', '--max-epochs', '30', '--seeds', '2'];

const browser = ['chromium', 'chromium-browser', 'google-chrome'].find((name) => spawnSync('which', [name]).status === 0);
if (browser === undefined) {
  process.stderr.write('report-screenshot: no Chromium found; install it with: apt-get install chromium\n');
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'batchsim-report-'));
const page = join(dir, 'lab.html');
const png = join(dir, 'lab.png');
execFileSync(process.execPath, [join(root, 'dist/bin.js'), 'lab', ...labArgs, '--no-timings', '-q', '--out', join(dir, 'lab.jsonl'), '--report', page], { stdio: ['ignore', 'ignore', 'inherit'] });
execFileSync(
  browser,
  ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--force-device-scale-factor=1', '--window-size=1100,1900', `--screenshot=${png}`, `file://${page}`],
  { stdio: ['ignore', 'ignore', 'ignore'], timeout: 120_000 },
);

/** Decodes an 8-bit RGB or RGBA PNG (what Chromium writes) into rows of pixels. */
function decodePng(bytes) {
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat = [];
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[12] !== 0) throw new Error('only 8-bit, non-interlaced PNGs are read here');
      channels = { 2: 3, 6: 4 }[data[9]];
      if (channels === undefined) throw new Error(`PNG colour type ${data[9]} is not read here`);
    } else if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? pixels[y * stride + x - channels] : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels] : 0;
      const p = a + b - c;
      const pa = Math.abs(p - a);
      const pb = Math.abs(p - b);
      const pc = Math.abs(p - c);
      const paeth = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter];
      pixels[y * stride + x] = (line[x] + predictor) & 0xff;
    }
  }
  return { width, height, channels, pixels };
}

const { width, height, channels, pixels } = decodePng(readFileSync(png));
let inked = 0;
const rowsInked = new Array(height).fill(0);
for (let y = 0; y < height; y++) {
  for (let x = 0; x < width; x++) {
    const i = (y * width + x) * channels;
    if (pixels[i] < 235 || pixels[i + 1] < 235 || pixels[i + 2] < 235) {
      inked++;
      rowsInked[y]++;
    }
  }
}
const share = inked / (width * height);
const rowsWithInk = rowsInked.filter((n) => n > 0).length / height;
const ok = share > 0.01 && rowsWithInk > 0.3;
process.stdout.write(
  `${ok ? 'ok' : 'BLANK'}: ${browser} rendered ${width}×${height} px; ${inked} non-white pixels (${(100 * share).toFixed(1)}%), ink on ${(100 * rowsWithInk).toFixed(0)}% of the rows\n`,
);
if (save !== null) {
  copyFileSync(png, resolve(process.cwd(), save));
  process.stdout.write(`screenshot saved as ${save}\n`);
}
process.exit(ok ? 0 : 1);
