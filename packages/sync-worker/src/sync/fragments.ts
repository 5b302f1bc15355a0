/**
 * TinyBase's fragment format, for messages too large for one frame:
 * `<toClientId>\n<16-char message id>\n<index>\n<total>\n<chunk>`.
 */
export const FRAGMENT = /^([-0-9A-Z_a-z]{16})\n(\d+)\n(\d+)\n([\s\S]*)$/;
/** The most fragments one message may come in, on both ends. */
export const MAX_FRAGMENTS = 1000;
const ID_ALPHABET = '-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz';

export class FrameError extends Error {
  constructor(
    readonly kind: 'malformed' | 'tooBig',
    message: string,
  ) {
    super(message);
  }
}

/** Splits one message remainder into TinyBase fragment remainders of at most `size` chars. */
export function toFragments(remainder: string, size: number): string[] {
  if (remainder.length <= size) return [remainder];
  const chunkSize = Math.max(size, Math.ceil(remainder.length / MAX_FRAGMENTS) + 1);
  const chunks: string[] = [];
  let start = 0;
  while (start < remainder.length) {
    let end = Math.min(start + chunkSize, remainder.length);
    // Never split a surrogate pair.
    const last = remainder.charCodeAt(end - 1);
    if (end < remainder.length && last >= 0xd800 && last <= 0xdbff) end++;
    chunks.push(remainder.slice(start, end));
    start = end;
  }
  const id = randomId();
  return chunks.map((chunk, index) => `${id}\n${index}\n${chunks.length}\n${chunk}`);
}

function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => ID_ALPHABET[byte & 63]).join('');
}
