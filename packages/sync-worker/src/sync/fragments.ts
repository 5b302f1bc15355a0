/**
 * TinyBase's fragment format, for messages too large for one frame:
 * `<toClientId>\n<16-char message id>\n<index>\n<total>\n<chunk>`.
 */
const FRAGMENT = /^([-0-9A-Z_a-z]{16})\n(\d+)\n(\d+)\n([\s\S]*)$/;
const MAX_FRAGMENTS = 1000;
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

/**
 * Reassembles fragmented messages from one connection. `add` returns the whole remainder once
 * complete, `undefined` while fragments are missing, and throws `FrameError` on nonsense.
 */
export class FragmentReassembler {
  readonly #pending = new Map<string, { chunks: (string | undefined)[]; missing: number }>();
  #bufferedChars = 0;

  constructor(readonly maxMessageChars: number) {}

  add(remainder: string): string | undefined {
    const match = FRAGMENT.exec(remainder);
    if (match === null) return remainder;
    const [, id = '', indexText = '', totalText = '', chunk = ''] = match;
    const index = Number(indexText);
    const total = Number(totalText);
    if (total < 1 || total > MAX_FRAGMENTS || index >= total) {
      throw new FrameError('malformed', `bad fragment ${index}/${total}`);
    }
    let pending = this.#pending.get(id);
    if (pending === undefined) {
      pending = { chunks: new Array<string | undefined>(total).fill(undefined), missing: total };
      this.#pending.set(id, pending);
    }
    if (pending.chunks.length !== total || pending.chunks[index] !== undefined) {
      throw new FrameError('malformed', `fragment ${index}/${total} of ${id} does not fit`);
    }
    this.#bufferedChars += chunk.length;
    if (this.#bufferedChars > this.maxMessageChars) {
      throw new FrameError('tooBig', `fragmented message over ${this.maxMessageChars} characters`);
    }
    pending.chunks[index] = chunk;
    pending.missing--;
    if (pending.missing > 0) return undefined;
    this.#pending.delete(id);
    const whole = pending.chunks.join('');
    this.#bufferedChars -= whole.length;
    return whole;
  }
}

function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => ID_ALPHABET[byte & 63]).join('');
}
