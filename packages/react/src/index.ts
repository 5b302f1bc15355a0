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
} from './components/index.ts';
export { createHooks, type TinySyncHooks, type UpdateVariables } from './create-hooks.ts';
export { type RowName, rowName } from './hook-names.ts';
export type { QueryResult } from './hooks/query-result.ts';
export type { MutationCallbacks, MutationResult } from './hooks/use-table-mutation.ts';
export type { RowOptions } from './hooks/use-table-row.ts';
export type { RowsFilter, RowsOptions } from './hooks/use-table-rows.ts';
export { deleteLocalData, localDatabaseName } from './local-data.ts';
export { TinySyncContext, type TinySyncSession } from './tinysync-context.ts';
export { TinySyncProvider, type TinySyncProviderProps } from './tinysync-provider.tsx';
export { useStore } from './use-store.ts';
export { useStoreId } from './use-store-id.ts';
export { useSyncStatus } from './use-sync-status.ts';
export { type UndoControls, useUndo } from './use-undo.ts';
