import { type FormEvent, useId, useState } from 'react';
import { useCreateTask, useTasks, useUsers } from '../app-hooks.ts';

const byName = { sortBy: 'name' } as const;

/** Adds a task at the end of a project's "To do" column. */
export function NewTaskForm({ projectId }: { readonly projectId: string }) {
  const { tasks = [] } = useTasks({ projectId });
  const { users = [] } = useUsers(undefined, byName);
  const [title, setTitle] = useState('');
  const [assigneeId, setAssigneeId] = useState('');
  const create = useCreateTask();
  const titleId = useId();
  const assigneeFieldId = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const position = Math.max(-1, ...tasks.map((task) => task.position)) + 1;
    create.mutate(
      { title, projectId, position, ...(assigneeId === '' ? {} : { assigneeId }) },
      { onWritten: () => setTitle('') },
    );
  };
  return (
    <form className="tinysync-form demo-new-task" onSubmit={submit} noValidate>
      <div className="tinysync-form__row">
        <div className="tinysync-field">
          <label htmlFor={titleId} className="tinysync-field__label">
            New task
          </label>
          <input
            id={titleId}
            className="tinysync-input"
            value={title}
            placeholder="What needs doing?"
            onChange={(event) => setTitle(event.target.value)}
          />
        </div>
        <div className="tinysync-field">
          <label htmlFor={assigneeFieldId} className="tinysync-field__label">
            Assignee
          </label>
          <select
            id={assigneeFieldId}
            className="tinysync-input"
            value={assigneeId}
            onChange={(event) => setAssigneeId(event.target.value)}
          >
            <option value="">Nobody</option>
            {users.map((user) => (
              <option key={user.id} value={user.id}>
                {user.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="tinysync-button" data-variant="primary">
          Add task
        </button>
      </div>
      {create.error === null ? null : (
        <p role="alert" className="tinysync-field__error">
          {create.error.message}
        </p>
      )}
    </form>
  );
}
