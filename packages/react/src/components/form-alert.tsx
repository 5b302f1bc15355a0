/** A write's error that belongs to no single field (e.g. a read-only session). */
export function FormAlert({ message }: { readonly message: string | undefined }) {
  if (message === undefined) return null;
  return (
    <p role="alert" className="tinysync-alert">
      {message}
    </p>
  );
}
