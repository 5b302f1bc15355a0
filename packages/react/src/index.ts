export {
  OfflineBanner,
  type OfflineBannerProps,
  ProjectList,
  type ProjectListProps,
  StoreInspector,
  type StoreInspectorProps,
  SyncStatusBadge,
  type SyncStatusBadgeProps,
  TaskBoard,
  type TaskBoardProps,
  UndoRedo,
  type UndoRedoProps,
  UserForm,
  type UserFormProps,
  UsersTable,
  type UsersTableProps,
} from './components/index.js';
export { createHooks, type TinySyncHooks, type UpdateVariables } from './create-hooks.js';
export { type RowName, rowName } from './hook-names.js';
export type { FetchStatus } from './hooks/first-sync.js';
export type { InfiniteRows } from './hooks/infinite-pages.js';
export type {
  ErrorMutationResult,
  IdleMutationResult,
  MutateOptions,
  MutationCallbacks,
  MutationOptions,
  MutationResult,
  PendingMutationResult,
  SuccessMutationResult,
} from './hooks/mutation-result.js';
export { OfflineWithoutDataError } from './hooks/offline-without-data-error.js';
export type {
  QueryLoadingErrorResult,
  QueryLoadingResult,
  QueryPendingResult,
  QueryResult,
  QuerySuccessResult,
  SuspenseQueryResult,
} from './hooks/query-result.js';
export type { IncludeOptions } from './hooks/use-included-rows.js';
export type {
  InfiniteFields,
  InfiniteOptions,
  InfiniteQueryResult,
  InfiniteRowsOptions,
} from './hooks/use-infinite-rows.js';
export type { ThrowOnError } from './hooks/use-query-result.js';
export type { SuspenseRowsOptions } from './hooks/use-suspense-table-rows.js';
export type { RowOptions } from './hooks/use-table-row.js';
export type { RowsFilter, RowsOptions } from './hooks/use-table-rows.js';
export { deleteLocalData, localDatabaseName } from './local-data.js';
export { TinySyncContext, type TinySyncSession } from './tinysync-context.js';
export { TinySyncProvider, type TinySyncProviderProps } from './tinysync-provider.js';
export { useStore } from './use-store.js';
export { useStoreId } from './use-store-id.js';
export { useSyncStatus } from './use-sync-status.js';
export { type UndoControls, useUndo } from './use-undo.js';
