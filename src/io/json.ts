/**
 * JSON.parse with a nesting limit. No file batchsim reads nests deeper than a few levels; a
 * document nested thousands deep is bad input, refused here before anything walks it
 * recursively (which would overflow the stack and end in an internal error).
 */

/** Deeper than any file of batchsim's formats could be. */
export const MAX_JSON_DEPTH = 64;

/** The deepest nesting of arrays and objects in `text`, ignoring brackets inside strings; stops counting past `limit`. */
export function jsonDepth(text: string, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

/** JSON.parse (a leading byte-order mark dropped); throws a SyntaxError for a document nested deeper than MAX_JSON_DEPTH. */
export function parseJson(text: string): unknown {
  const source = text.replace(/^\uFEFF/, '');
  if (jsonDepth(source) > MAX_JSON_DEPTH) throw new SyntaxError(`nested more than ${MAX_JSON_DEPTH} levels deep`);
  return JSON.parse(source);
}
