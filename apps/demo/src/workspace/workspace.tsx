import { OfflineBanner, SyncStatusBadge, UndoRedo } from '@tinysync/react';
import type { ReactNode } from 'react';
import { BoardScreen } from '../board/board-screen.tsx';
import { PeopleScreen } from '../people/people-screen.tsx';
import { ReactQueryScreen } from '../react-query/react-query-screen.tsx';
import { ReadOnlyNotice } from './read-only-notice.tsx';
import { ScreenNav } from './screen-nav.tsx';
import type { ScreenId } from './screens.ts';
import { useScreen } from './use-screen.ts';

const SCREEN_VIEWS: Record<ScreenId, () => ReactNode> = {
  board: () => <BoardScreen />,
  people: () => <PeopleScreen />,
  'react-query': () => <ReactQueryScreen />,
};

/** The signed-in workspace: header with sync status and history, then the current screen. */
export function Workspace({
  title,
  account,
}: {
  /** The organization's name, as the header shows it. */
  readonly title: string;
  /** Who is signed in and how to switch (dev picker or Clerk's components). */
  readonly account: ReactNode;
}) {
  const screen = useScreen();
  return (
    <div className="demo-shell">
      <header className="demo-header">
        <p className="demo-header__brand">
          TinySync <span className="demo-header__org">{title}</span>
        </p>
        <ScreenNav current={screen} />
        <div className="demo-header__tools">
          <SyncStatusBadge />
          <UndoRedo />
          {account}
        </div>
      </header>
      <OfflineBanner />
      <ReadOnlyNotice />
      <main className="demo-main">{SCREEN_VIEWS[screen]()}</main>
    </div>
  );
}
