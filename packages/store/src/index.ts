export { type AppSchema, appSchema } from './app-schema.js';
export {
  PersistenceUnavailableError,
  ReadOnlyError,
  type RefusedCell,
  RowExistsError,
  RowNotFoundError,
  SchemaError,
  StoreDestroyedError,
  StoreNotReadyError,
  TinySyncError,
  UnconfirmedWriteError,
  ValidationError,
  type ValidationIssue,
  WriteRefusedError,
} from './errors.js';
export {
  type IndexedDbPersisterOptions,
  indexedDbPersister,
} from './persistence/indexed-db-persister.js';
export type {
  LocalPersister,
  PersistenceContext,
  PersisterFactory,
} from './persistence/local-persister.js';
export { type MemoryStorage, memoryPersister } from './persistence/memory-persister.js';
export {
  parseMergeableContent,
  stringifyMergeableContent,
} from './persistence/mergeable-json.js';
export {
  AUTH_PROTOCOL_PREFIX,
  READ_ONLY_NOTICE,
  SYNC_PROTOCOL,
} from './protocol/wire-protocol.js';
export {
  defineSchema,
  type IndexSpec,
  type Reference,
  type Schema,
  type SchemaDefinition,
} from './schema/define-schema.js';
export {
  type IncludableReference,
  type IncludableTables,
  type IncludedRowName,
  type IncludeOption,
  includableReferences,
  includedRowName,
  type ReferenceCellId,
  type RowWithIncluded,
} from './schema/included-rows.js';
export {
  DEFAULT_PERMISSIONS,
  isRoleAllowed,
  type Role,
  type TablePermissions,
} from './schema/permissions.js';
export { type ReferenceSchema, ref } from './schema/reference.js';
export type {
  AnySchema,
  CellId,
  CreateInput,
  Row,
  RowWithId,
  TableId,
  UpdatePatch,
} from './schema/row-types.js';
export type {
  CellSchema,
  CellValue,
  IndexDefinition,
  JsonArray,
  JsonObject,
  JsonValue,
  TableDefinition,
} from './schema/schema-definition.js';
export {
  createMirrorTableSql,
  type MirrorColumn,
  type MirrorTable,
  mirrorColumnSql,
  type SqlColumnType,
  STAMP_COLUMN,
  STORE_COLUMN,
  toMirrorTables,
} from './schema/sql-mirror-schema.js';
export { timestamp } from './schema/timestamp.js';
export {
  type TinyBaseTablesSchemaOf,
  toTinyBaseTablesSchema,
} from './schema/tinybase-tables-schema.js';
export {
  createTinySyncStore,
  type TableOperationsMap,
  type TinyBaseSchemas,
  type TinySyncStore,
  type TinySyncStoreOptions,
} from './store/create-tinysync-store.js';
export { applyEncodedChanges } from './store/encoded-content.js';
export type { ListOptions } from './store/list-options.js';
export { createSchemaIndexes, createSchemaRelationships } from './store/schema-indexes.js';
export type { TableOperations } from './store/table-operations.js';
export type { UndoHistory, UndoState } from './store/undo-history.js';
export {
  createSyncClient,
  type SyncClient,
  type SyncClientOptions,
} from './sync/create-sync-client.js';
export { SessionRefusedError } from './sync/probe-session.js';
export { orgStoreId, userStoreId } from './sync/store-ids.js';
export { SyncRefusedError } from './sync/sync-refused-error.js';
export { INITIAL_SYNC_SNAPSHOT, type SyncSnapshot, type SyncStatus } from './sync/sync-status.js';
export type { GetToken, TokenRequest } from './sync/token-refresher.js';
export type { WrittenTables } from './sync/written-tables.js';
export { jsonValueIssue, MAX_JSON_DEPTH } from './validation/json-value.js';
export { cellIssue, MAX_ROW_ID_LENGTH, rowIdIssue } from './validation/validate-rows.js';
