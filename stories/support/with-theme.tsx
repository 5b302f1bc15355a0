import type { Decorator } from '@storybook/react-vite';

export type StoryTheme = 'light' | 'dark';

/**
 * Puts the story on the kit's own background in the chosen theme: `parameters.theme` (for the
 * dark-theme stories) or the toolbar's "Theme". A story on its own page fills the viewport.
 */
export const withTheme: Decorator = (Story, context) => {
  const theme = (context.parameters.theme ?? context.globals.theme ?? 'light') as StoryTheme;
  return (
    <div
      className="story-canvas"
      data-theme={theme}
      data-fill={context.viewMode === 'story' ? '' : undefined}
    >
      <Story />
    </div>
  );
};
