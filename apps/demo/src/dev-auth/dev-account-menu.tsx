import { type DevAccount, roleName } from './dev-accounts.ts';

/** Who is signed in (dev picker), with a way back to the picker. */
export function DevAccountMenu({
  account,
  onSignOut,
}: {
  readonly account: DevAccount;
  readonly onSignOut: () => void;
}) {
  return (
    <div className="demo-account">
      <span className="demo-account__name">
        {account.name} <span className="tinysync-tag">{roleName(account)}</span>
      </span>
      <button type="button" className="tinysync-button" data-size="small" onClick={onSignOut}>
        Switch user
      </button>
    </div>
  );
}
