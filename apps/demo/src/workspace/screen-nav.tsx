import { SCREENS, type ScreenId } from './screens.ts';

/** Links between the screens; plain hash links, so they work without a router. */
export function ScreenNav({ current }: { readonly current: ScreenId }) {
  return (
    <nav className="demo-nav" aria-label="Screens">
      {SCREENS.map((screen) => (
        <a
          key={screen.id}
          href={`#/${screen.id}`}
          className="demo-nav__link"
          aria-current={screen.id === current ? 'page' : undefined}
        >
          {screen.label}
        </a>
      ))}
    </nav>
  );
}
