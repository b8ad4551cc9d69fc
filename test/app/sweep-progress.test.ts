import { test } from 'node:test';
import assert from 'node:assert/strict';
import type cliProgress from 'cli-progress';
import { fittedProgress } from '../../src/app/sweep-progress.js';
import { en } from '../../src/i18n/en.js';
import { ko } from '../../src/i18n/ko.js';
import { displayWidth } from '../../src/report/width.js';

const options = { barCompleteString: '='.repeat(30), barIncompleteString: '-'.repeat(30), barGlue: '', barsize: 30, autopadding: false, formatTime: (t: number) => `${t}s` } as unknown as cliProgress.Options;

for (const [lang, template] of [['en', en['sweep.progress']()], ['ko', ko['sweep.progress']()]] as const) {
  test(`the sweep's bar line fits any terminal width by display width (${lang})`, () => {
    for (const maxWidth of [120, 80, 50, 40, 30, 20, 10]) {
      const params = { progress: 0.5, eta: 12, startTime: Date.now(), stopTime: null, total: 24, value: 12, maxWidth } as unknown as cliProgress.Params;
      const line = fittedProgress(template)(options, params, {});
      assert.ok(displayWidth(line) < maxWidth, `${maxWidth}: ${displayWidth(line)}: ${line}`);
      const bar = /\[([=-]*)\]/.exec(line)?.[1] ?? '';
      // The bar is full width where there is room, narrower where there is not, and half done.
      if (maxWidth >= 80) assert.equal(bar, `${'='.repeat(15)}${'-'.repeat(15)}`);
      if (maxWidth === 50) assert.ok(bar.length < 30 && bar.length > 0, bar);
      assert.ok(line.includes('12/24') || maxWidth < 40, line);
    }
  });
}
