import type { AppSchema, RowWithId } from '@tinysync/store';
import { memo } from 'react';
import { useTasks, useUser } from './app-hooks.js';

export interface ProjectListItemProps {
  readonly project: RowWithId<AppSchema, 'projects'>;
  readonly selected: boolean;
  readonly onSelect: ((projectId: string) => void) | undefined;
}

const countRows = (rows: readonly unknown[]) => rows.length;

/** A project with its owner and task count; a button when the list is selectable. */
export const ProjectListItem = memo(function ProjectListItem(props: ProjectListItemProps) {
  const { project, selected, onSelect } = props;
  const { user: owner } = useUser(project.ownerId);
  const { data: taskCount = 0 } = useTasks({ projectId: project.id }, { select: countRows });
  const details = (
    <>
      <span className="tinysync-projects__name">{project.name}</span>
      <span className="tinysync-projects__meta">
        {owner?.name ?? 'Unknown owner'} · {taskCount} {taskCount === 1 ? 'task' : 'tasks'}
      </span>
    </>
  );
  return (
    <li className="tinysync-projects__item">
      {onSelect === undefined ? (
        <div className="tinysync-projects__entry">{details}</div>
      ) : (
        <button
          type="button"
          className="tinysync-projects__entry"
          aria-current={selected ? 'true' : undefined}
          onClick={() => onSelect(project.id)}
        >
          {details}
        </button>
      )}
    </li>
  );
});
