import { DEV_ACCOUNTS, type DevAccount, roleName } from './dev-accounts.ts';

const organizations = [...new Set(DEV_ACCOUNTS.map((account) => account.orgName))];

/** The dev "sign in as" picker: no Clerk account needed, tokens come from the local worker. */
export function DevSignIn({ onSignIn }: { readonly onSignIn: (account: DevAccount) => void }) {
  return (
    <main className="demo-sign-in">
      <h1 className="demo-sign-in__title">TinySync demo</h1>
      <p className="demo-sign-in__lead">
        Sign in as one of these people. Dev tokens come from the local sync worker; set{' '}
        <code>VITE_CLERK_PUBLISHABLE_KEY</code> to sign in with Clerk instead.
      </p>
      {organizations.map((orgName) => (
        <section key={orgName} className="demo-sign-in__org" aria-label={orgName}>
          <h2 className="tinysync-subheading">{orgName}</h2>
          <ul className="demo-sign-in__list">
            {DEV_ACCOUNTS.filter((account) => account.orgName === orgName).map((account) => (
              <li key={account.userId}>
                <button
                  type="button"
                  className="tinysync-button demo-sign-in__choice"
                  onClick={() => onSignIn(account)}
                >
                  Sign in as {account.name}
                  <span className="tinysync-tag">{roleName(account)}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </main>
  );
}
