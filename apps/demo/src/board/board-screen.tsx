import { ProjectList, TaskBoard, useSyncStatus } from '@tinysync/react';
import { useState } from 'react';
import { useProjects } from '../app-hooks.ts';
import { NewTaskForm } from './new-task-form.tsx';
import { SampleDataButton } from './sample-data-button.tsx';

const byName = { sortBy: 'name' } as const;

/** Projects on the left, the chosen project's task board on the right. */
export function BoardScreen() {
  const { readOnly } = useSyncStatus();
  const { projects = [] } = useProjects(undefined, byName);
  const [chosenId, setChosenId] = useState<string | undefined>(undefined);
  // The chosen project, or the first one while none is chosen (or the chosen one was deleted).
  const project = projects.find((candidate) => candidate.id === chosenId) ?? projects[0];
  return (
    <div className="demo-board">
      <aside className="demo-board__projects">
        <ProjectList selectedId={project?.id} onSelect={setChosenId} />
        {projects.length === 0 && !readOnly ? <SampleDataButton /> : null}
      </aside>
      <section className="demo-board__tasks" aria-label="Tasks">
        {project === undefined ? (
          <p className="tinysync-empty">No project yet: add one, or some sample data.</p>
        ) : (
          <>
            <h1 className="tinysync-heading">{project.name}</h1>
            {readOnly ? null : <NewTaskForm projectId={project.id} />}
            <TaskBoard projectId={project.id} />
          </>
        )}
      </section>
    </div>
  );
}
