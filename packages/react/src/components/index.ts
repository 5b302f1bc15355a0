export { OfflineBanner, type OfflineBannerProps } from './offline-banner.js';
export { ProjectList, type ProjectListProps } from './project-list.js';
export { StoreInspector, type StoreInspectorProps } from './store-inspector.js';
export { SyncStatusBadge, type SyncStatusBadgeProps } from './sync-status-badge.js';
export { TaskBoard, type TaskBoardProps } from './task-board.js';
export { UndoRedo, type UndoRedoProps } from './undo-redo.js';
export { UserForm, type UserFormProps } from './user-form.js';
export { UsersTable, type UsersTableProps } from './users-table.js';
