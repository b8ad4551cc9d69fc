/** The parser of `--shard i/n` (1-based) `--shard auto` and `--shard auto/N` (see app/shard.ts for what `auto` reads). */
import { ArgumentError } from '../app/argument-error.js';
import { autoShardOf, isShard, shardOf, type ShardOption } from '../app/shard.js';
import { msg } from '../i18n/message.js';

/** The commander parser of `--shard`. */
export function parseShard(text: string): ShardOption {
  if (text.trim().toLowerCase() === 'auto') return 'auto';
  const auto = autoShardOf(text);
  if (auto !== null) {
    if (!('autoTotal' in auto)) throw new ArgumentError(auto);
    return auto;
  }
  const shard = shardOf(text);
  if (!isShard(shard)) throw new ArgumentError(msg('shard.orAuto', { problem: shard }));
  return shard;
}

