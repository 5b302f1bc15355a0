import { useId } from 'react';
import { useUsersScreenData } from './use-users-screen-data.ts';

const SOURCE_LABELS = {
  'react-query': 'React Query: useQuery → HTTP API',
  tinysync: 'TinySync: useUsers → local store',
} as const;

/** A users screen written for React Query; its code does not change when the flag flips. */
export function UsersPanel({ title }: { readonly title: string }) {
  const { source, data, isLoading, isFetching, error, refetch } = useUsersScreenData();
  const headingId = useId();
  return (
    <section className="demo-panel" aria-labelledby={headingId} data-source={source}>
      <h2 id={headingId} className="tinysync-subheading">
        {title}
      </h2>
      <p className="demo-panel__source">{SOURCE_LABELS[source]}</p>
      {isLoading ? <p className="tinysync-empty">Loading…</p> : null}
      {error ? (
        <p role="alert" className="tinysync-alert">
          {error.message}
        </p>
      ) : null}
      <ul className="demo-panel__list">
        {data?.map((user) => (
          <li key={user.id}>
            {user.name} <span className="demo-panel__meta">{user.email}</span>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="tinysync-button"
        data-size="small"
        onClick={() => void refetch()}
        disabled={isFetching}
      >
        Refetch
      </button>
    </section>
  );
}
