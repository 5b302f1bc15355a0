/** Shown while the local copy of the workspace loads (or Clerk starts). */
export function LoadingScreen() {
  return (
    <p className="demo-loading" role="status">
      Opening the workspace…
    </p>
  );
}
