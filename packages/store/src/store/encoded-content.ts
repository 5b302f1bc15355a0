import type { MergeableContent, MergeableStore } from 'tinybase';
import { encodeJsonCell, type Stamp } from '../protocol/wire-protocol.js';
import { isEmpty } from './is-empty.js';

/** Mergeable content, or changes (`[tables, values, 1]`), of any store. */
type Content = MergeableContent | [...MergeableContent, 1];

/**
 * The methods TinyBase's own persisters and synchronizers load with: they take object and array
 * cells as encoded JSON text and stamp them that way. The public `setMergeableContent` and
 * `applyMergeableChanges` stamp the decoded object instead and hash it differently, so a store
 * filled through them disagrees with every other replica about the same write, for good
 * (TinyBase's own `merge()` shows it). They are not public API, hence the check.
 */
interface EncodedLoaders {
  readonly __: readonly [
    unknown,
    unknown,
    unknown,
    (content: Content) => void,
    (changes: Content) => void,
  ];
}

function encodedLoaders(store: MergeableStore): EncodedLoaders['__'] {
  const loaders = (store as unknown as Partial<EncodedLoaders>).__;
  if (typeof loaders?.[3] !== 'function' || typeof loaders[4] !== 'function') {
    throw new Error('this TinyBase version has no encoded content loaders; check its persisters');
  }
  return loaders;
}

/**
 * Merges another replica's content (or changes) into `store` as TinyBase's sync would: object
 * and array cells encoded first (content read with `getMergeableContent()` holds them decoded),
 * then set as they are into an empty store (stamps and hashes kept) or merged into any other.
 */
export function mergeEncodedContent(store: MergeableStore, content: Content): void {
  encodeJsonCells(content);
  const [, , , setEncoded, applyEncoded] = encodedLoaders(store);
  if (isEmpty(store) && content[2] !== 1) setEncoded(content);
  else applyEncoded(content);
}

/**
 * Replaces `store`'s whole content with another replica's, stamps and hashes kept: what `store`
 * had that the other has not is gone, tombstones included.
 */
export function setEncodedContent(store: MergeableStore, content: MergeableContent): void {
  encodeJsonCells(content);
  encodedLoaders(store)[3](content);
}

/** Applies mergeable changes (e.g. a server's correction) with their JSON cells encoded. */
export function applyEncodedChanges(store: MergeableStore, changes: Content): void {
  encodeJsonCells(changes);
  encodedLoaders(store)[4](changes);
}

/** Encodes, in place, every object or array cell and value of mergeable content or changes. */
export function encodeJsonCells(content: Content): Content {
  const [[tables], [values]] = content as unknown as [
    [Record<string, Stamp<Record<string, Stamp<Record<string, Stamp>>>>>],
    [Record<string, Stamp>],
  ];
  for (const [rows] of Object.values(tables)) {
    for (const [cells] of Object.values(rows)) {
      for (const stamp of Object.values(cells)) stamp[0] = encodeJsonCell(stamp[0]);
    }
  }
  for (const stamp of Object.values(values)) stamp[0] = encodeJsonCell(stamp[0]);
  return content;
}
