/** The x-axes a loss chart can use, where an epoch's loss sits on each, and their titles. */
import { english, type Translator } from '../i18n/message.js';

export const X_AXES = ['epoch', 'update', 'samples'] as const;
export type XAxis = (typeof X_AXES)[number];

/**
 * Where the loss of epoch e (1-based) sits on the chosen axis: at the end of the epoch, counted
 * in epochs, optimizer updates or training samples seen.
 */
export function xOf(axis: XAxis, epoch: number, stepsPerEpoch: number, trainSamples: number): number {
  switch (axis) {
    case 'epoch':
      return epoch;
    case 'update':
      return epoch * stepsPerEpoch;
    case 'samples':
      return epoch * trainSamples;
  }
}

/** The chart's x-axis title. */
export function xTitle(axis: XAxis, t: Translator = english): string {
  switch (axis) {
    case 'epoch':
      return t('chart.x.epoch');
    case 'update':
      return t('chart.x.update');
    case 'samples':
      return t('chart.x.samples');
  }
}
