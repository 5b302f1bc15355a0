/** The workspace's screens, addressed by the URL hash (`#/board`) so a reload keeps the place. */
export const SCREENS = [
  { id: 'board', label: 'Board' },
  { id: 'people', label: 'People' },
  { id: 'react-query', label: 'React Query' },
] as const;

export type ScreenId = (typeof SCREENS)[number]['id'];

export function screenFromHash(hash: string): ScreenId {
  const id = hash.replace(/^#\/?/, '');
  return SCREENS.find((screen) => screen.id === id)?.id ?? 'board';
}
