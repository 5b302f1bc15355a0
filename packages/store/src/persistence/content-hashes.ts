import type { MergeableContent } from 'tinybase';

/** `[tables hash, values hash]`: TinyBase's own summary of mergeable content. */
export type ContentHashes = readonly [number, number];

export function hashesOf(content: MergeableContent): ContentHashes {
  return [content[0][2], content[1][2]];
}

export function sameHashes(a: ContentHashes, b: ContentHashes): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/**
 * Resolves in a later task. A persister that writes the whole store on every save waits for it
 * first: TinyBase queues one save per transaction, so the writes of a synchronous burst (and
 * those made while a write is in flight) are all in the store by the time the first save
 * runs, and the saves queued behind it find nothing new to write.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
