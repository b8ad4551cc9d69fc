/**
 * An epoch's batch sizes in short form, the one wording `--explain` and `train compare` share:
 * up to `listUpTo` batches are written out (`4 + 2`, `3 + 3`), more are summarised
 * (`31 × 32 + 8`, `4 × 32`).
 */
export function batchSizesText(sizes: readonly number[], listUpTo = 4): string {
  if (sizes.length <= listUpTo) return sizes.join(' + ');
  const first = sizes[0];
  const last = sizes[sizes.length - 1];
  return last === first ? `${sizes.length} × ${first}` : `${sizes.length - 1} × ${first} + ${last}`;
}
