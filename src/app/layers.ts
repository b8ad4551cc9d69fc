/**
 * Layer text, in one place: the `--layers` syntax read (`8:relu,1`) and written back, and the
 * model as captions name it (`Dense(8, relu) → Dense(1)`).
 */
import { isActivation, ACTIVATIONS } from '../core/activations.js';
import type { LayerSpec } from '../core/model.js';
import { msg } from '../i18n/message.js';
import { ArgumentError, closest } from './argument-error.js';

/**
 * `--layers` spec: comma-separated `units[:activation]`, e.g. `8:relu,1`; the last entry is the
 * output layer. Activation defaults to linear, as Keras's Dense. `example` is how messages show
 * a good spec.
 */
export function parseLayers(text: string, example = '--layers 8:relu,1'): LayerSpec[] {
  const parts = text.split(',');
  return parts.map((part, index) => {
    const item = part.trim();
    const layer = msg('parse.layer', { index: index + 1, item, several: parts.length > 1 });
    if (item === '') throw new ArgumentError(msg('parse.layerEmpty', { index: index + 1, example }));
    const [unitsText, activationText, extra] = item.split(':');
    if (extra !== undefined) throw new ArgumentError(msg('parse.layerColons', { layer, example }));
    if (!/^\d+$/.test(unitsText.trim()) || Number(unitsText) < 1 || Number(unitsText) > 1e6) {
      throw new ArgumentError(msg('parse.layerUnits', { layer, example }));
    }
    const activation = (activationText ?? 'linear').trim().toLowerCase();
    if (!isActivation(activation)) {
      throw new ArgumentError(
        msg('parse.layerActivation', { layer, activation: activationText, suggestion: closest(activation, ACTIVATIONS), names: ACTIVATIONS.join(', ') }),
      );
    }
    return { units: Number(unitsText), activation };
  });
}

/** Formats layers back into the `--layers` syntax, e.g. `8:relu,1`. */
export function formatLayers(layers: readonly LayerSpec[]): string {
  return layers.map((l) => (l.activation === 'linear' ? `${l.units}` : `${l.units}:${l.activation}`)).join(',');
}

/** `Dense(8, relu) → Dense(1)`. */
export function describeModel(layers: readonly LayerSpec[]): string {
  return layers.map((l) => (l.activation === 'linear' ? `Dense(${l.units})` : `Dense(${l.units}, ${l.activation})`)).join(' → ');
}
