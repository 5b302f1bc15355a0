/** How much of the text is encoded at a time (characters). */
const SLICE_CHARS = 1024 * 1024;

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/**
 * `text` as a stream of UTF-8 bytes, encoded a slice at a time as it is read: a big text is
 * never held encoded in full next to itself.
 */
export function textStream(text: string): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= text.length) {
        controller.close();
        return;
      }
      // Whole characters only: a slice ending inside a surrogate pair would encode badly.
      let end = Math.min(text.length, offset + SLICE_CHARS);
      if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
      controller.enqueue(encoder.encode(text.slice(offset, end)));
      offset = end;
    },
  });
}
