import { TinySyncProvider } from '@tinysync/react';
import { orgStoreId } from '@tinysync/store';
import { useMemo } from 'react';
import { demoConfig } from '../config/demo-config.ts';
import { ApiAccessContext } from '../react-query/api-access.ts';
import { schema } from '../schema.ts';
import { LoadingScreen } from '../workspace/loading-screen.tsx';
import { Workspace } from '../workspace/workspace.tsx';
import { DevAccountMenu } from './dev-account-menu.tsx';
import { DevSignIn } from './dev-sign-in.tsx';
import { devTokenSource } from './dev-token-source.ts';
import { useDevAccount } from './use-dev-account.ts';

/** The demo without Clerk keys: pick a person, then their organization's workspace opens. */
export function DevAuthApp() {
  const [account, setAccount] = useDevAccount();
  const getToken = useMemo(
    () => (account === undefined ? undefined : devTokenSource(demoConfig.workerUrl, account)),
    [account],
  );
  if (account === undefined || getToken === undefined) return <DevSignIn onSignIn={setAccount} />;

  const storeId = orgStoreId(account.orgId);
  return (
    <ApiAccessContext.Provider value={{ baseUrl: demoConfig.workerUrl, getToken }}>
      {/* A new key per person: another user's session needs its own token and connection. */}
      <TinySyncProvider
        key={account.userId}
        schema={schema}
        storeId={storeId}
        url={demoConfig.syncUrl}
        getToken={getToken}
        fallback={<LoadingScreen />}
      >
        <Workspace
          title={account.orgName}
          account={<DevAccountMenu account={account} onSignOut={() => setAccount(undefined)} />}
        />
      </TinySyncProvider>
    </ApiAccessContext.Provider>
  );
}
