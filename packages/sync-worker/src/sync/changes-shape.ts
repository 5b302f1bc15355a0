/**
 * Whether a pushed content diff has the shape TinyBase's clients accept:
 * `[tablesStamp, valuesStamp]` or `[tablesStamp, valuesStamp, 1]`, each stamp `[thing]` or
 * `[thing, time]` with `time` empty or a 16-character HLC, tables → rows → cells.
 *
 * The Durable Object relays a push to the other clients before its own copy has applied it, so
 * a push TinyBase would refuse must be refused here: a TinyBase client that receives one closes
 * its socket (1007), and one hostile frame would disconnect everybody else. Cell values are not
 * judged here; the schema policy drops the ones it does not accept.
 */
export function isWellFormedChanges(body: unknown): boolean {
  return (
    Array.isArray(body) &&
    (body.length === 2 || (body.length === 3 && body[2] === 1)) &&
    isStampTree(body[0], 3) &&
    isStampTree(body[1], 1)
  );
}

const HLC = /^[-0-9A-Za-z_]{16}$/;

function isStampTree(stamp: unknown, depth: number): boolean {
  if (!Array.isArray(stamp)) return false;
  const timeIsValid =
    stamp.length === 1 ||
    (stamp.length === 2 && typeof stamp[1] === 'string' && (stamp[1] === '' || HLC.test(stamp[1])));
  if (!timeIsValid) return false;
  if (depth === 0) return true;
  const children = stamp[0];
  return (
    children !== null &&
    typeof children === 'object' &&
    !Array.isArray(children) &&
    Object.values(children).every((child) => isStampTree(child, depth - 1))
  );
}
