export { OfflineBanner, type OfflineBannerProps } from './offline-banner.tsx';
export { ProjectList, type ProjectListProps } from './project-list.tsx';
export { StoreInspector, type StoreInspectorProps } from './store-inspector.tsx';
export { SyncStatusBadge, type SyncStatusBadgeProps } from './sync-status-badge.tsx';
export { TaskBoard, type TaskBoardProps } from './task-board.tsx';
export { UndoRedo, type UndoRedoProps } from './undo-redo.tsx';
export { UserForm, type UserFormProps } from './user-form.tsx';
export { UsersTable, type UsersTableProps } from './users-table.tsx';
