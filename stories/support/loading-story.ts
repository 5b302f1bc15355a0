import { expect } from 'storybook/test';

/**
 * The state every component shows while the provider is still loading local data: the
 * provider's fallback. Shared so each component's stories cover it the same way.
 */
export const loadingStory = {
  parameters: { tinysync: { loading: true } },
  play: async ({ canvas }: { canvas: { getByRole(role: string): HTMLElement } }) => {
    await expect(canvas.getByRole('status')).toHaveTextContent('Loading local data…');
  },
};
