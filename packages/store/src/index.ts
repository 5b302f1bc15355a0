export { type AppSchema, appSchema } from './app-schema.ts';
export {
  PersistenceUnavailableError,
  ReadOnlyError,
  RowExistsError,
  RowNotFoundError,
  SchemaError,
  StoreDestroyedError,
  StoreNotReadyError,
  TinySyncError,
  ValidationError,
  type ValidationIssue,
} from './errors.ts';
export {
  type IndexedDbPersisterOptions,
  indexedDbPersister,
} from './persistence/indexed-db-persister.ts';
export type {
  LocalPersister,
  PersistenceContext,
  PersisterFactory,
} from './persistence/local-persister.ts';
export { type MemoryStorage, memoryPersister } from './persistence/memory-persister.ts';
export {
  defineSchema,
  type IndexSpec,
  type Reference,
  type Schema,
  type SchemaDefinition,
} from './schema/define-schema.ts';
export {
  DEFAULT_PERMISSIONS,
  isRoleAllowed,
  type Role,
  type TablePermissions,
} from './schema/permissions.ts';
export { type ReferenceSchema, ref } from './schema/reference.ts';
export type {
  AnySchema,
  CellId,
  CreateInput,
  Row,
  RowWithId,
  TableId,
  UpdatePatch,
} from './schema/row-types.ts';
export type {
  CellSchema,
  CellValue,
  IndexDefinition,
  TableDefinition,
} from './schema/schema-definition.ts';
export {
  createMirrorTableSql,
  type MirrorColumn,
  type MirrorTable,
  type SqlColumnType,
  STAMP_COLUMN,
  STORE_COLUMN,
  toMirrorTables,
} from './schema/sql-mirror-schema.ts';
export {
  type TinyBaseTablesSchemaOf,
  toTinyBaseTablesSchema,
} from './schema/tinybase-tables-schema.ts';
export {
  createTinySyncStore,
  type TableOperationsMap,
  type TinyBaseSchemas,
  type TinySyncStore,
  type TinySyncStoreOptions,
} from './store/create-tinysync-store.ts';
export type { ListOptions } from './store/list-options.ts';
export { createSchemaIndexes, createSchemaRelationships } from './store/schema-indexes.ts';
export type { TableOperations } from './store/table-operations.ts';
export type { UndoHistory, UndoState } from './store/undo-history.ts';
export {
  createSyncClient,
  type SyncClient,
  type SyncClientOptions,
} from './sync/create-sync-client.ts';
export { SessionRefusedError } from './sync/probe-session.ts';
export { orgStoreId, userStoreId } from './sync/store-ids.ts';
export {
  AUTH_PROTOCOL_PREFIX,
  READ_ONLY_NOTICE,
  SYNC_PROTOCOL,
} from './sync/sync-protocol.ts';
export { SyncRefusedError } from './sync/sync-refused-error.ts';
export { INITIAL_SYNC_SNAPSHOT, type SyncSnapshot, type SyncStatus } from './sync/sync-status.ts';
export { cellIssue } from './validation/validate-rows.ts';
