import {
  createIndexes,
  createRelationships,
  defaultSorter,
  type Indexes,
  type MergeableStore,
  type Relationships,
  type SortKey,
} from 'tinybase';
import type { AnySchema } from '../schema/row-types.js';

/**
 * The schema's indexes on a store. Note TinyBase re-sorts a whole slice when one of its rows
 * changes, so a sorted index over a large slice makes each write to that table cost O(slice).
 */
export function createSchemaIndexes(store: MergeableStore, schema: AnySchema): Indexes {
  const indexes = createIndexes(store);
  for (const { indexId, tableId, on, sortBy, descending } of schema.indexes) {
    // TinyBase's own ordinal sorter: a locale-aware one costs far more on every re-sort.
    const sortRows =
      descending === true ? (a: SortKey, b: SortKey) => defaultSorter(b, a) : undefined;
    indexes.setIndexDefinition(indexId, tableId, on, sortBy, undefined, sortRows);
  }
  return indexes;
}

/** One relationship per reference cell, named `<tableId>.<cellId>`. */
export function createSchemaRelationships(store: MergeableStore, schema: AnySchema): Relationships {
  const relationships = createRelationships(store);
  for (const { relationshipId, tableId, cellId, targetTableId } of schema.references) {
    relationships.setRelationshipDefinition(relationshipId, tableId, targetTableId, cellId);
  }
  return relationships;
}
