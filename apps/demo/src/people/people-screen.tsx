import { UserForm, UsersTable, useSyncStatus } from '@tinysync/react';

/** The team: a sortable, editable table, and a form to add someone. */
export function PeopleScreen() {
  const { readOnly } = useSyncStatus();
  return (
    <div className="demo-people">
      <section className="demo-people__table" aria-label="People">
        <h1 className="tinysync-heading">People</h1>
        <UsersTable pageSize={20} label="People" />
      </section>
      {readOnly ? null : <UserForm className="demo-people__form" />}
    </div>
  );
}
