/**
 * How big the reliability runs are. `npm test` runs sizes that finish in a few minutes on two
 * cores; `npm run test:soak` (TINYSYNC_SOAK=1) runs the long variants.
 */
export const SOAK = process.env.TINYSYNC_SOAK === '1';

export function scaled(normal: number, soak: number): number {
  return SOAK ? soak : normal;
}
