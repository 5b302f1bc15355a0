import { useId } from 'react';
import { useSyncStatus } from '../use-sync-status.js';
import { useProjects } from './app-hooks.js';
import { kitClassName } from './kit-class-name.js';
import { NewProjectForm } from './new-project-form.js';
import { ProjectListItem } from './project-list-item.js';

export interface ProjectListProps {
  /** The highlighted project (e.g. the one a TaskBoard shows). */
  readonly selectedId?: string | undefined;
  readonly onSelect?: (projectId: string) => void;
  /** Shows a form to create a project (default true; hidden for read-only sessions). */
  readonly allowCreate?: boolean;
  readonly className?: string;
}

/** Projects by name, with owner and task count; choose one, or create one. */
export function ProjectList({
  selectedId,
  onSelect,
  allowCreate = true,
  className,
}: ProjectListProps) {
  const { readOnly } = useSyncStatus();
  const { projects = [] } = useProjects(undefined, { sortBy: 'name' });
  const headingId = useId();
  return (
    <section className={kitClassName('projects', className)} aria-labelledby={headingId}>
      <h2 id={headingId} className="tinysync-heading">
        Projects <span className="tinysync-count">{projects.length}</span>
      </h2>
      {projects.length === 0 ? (
        <p className="tinysync-empty">No projects yet.</p>
      ) : (
        <ul className="tinysync-projects__list">
          {projects.map((project) => (
            <ProjectListItem
              key={project.id}
              project={project}
              selected={project.id === selectedId}
              onSelect={onSelect}
            />
          ))}
        </ul>
      )}
      {allowCreate && !readOnly ? <NewProjectForm onCreated={onSelect} /> : null}
    </section>
  );
}
