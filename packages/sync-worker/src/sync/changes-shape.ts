import { MESSAGE } from '@tinysync/store/protocol';

/**
 * How far ahead of the server's clock a stamp may be: TinyBase's `HLC_MAX_FUTURE_OFFSET`. A
 * change with a stamp further ahead is refused whole by every TinyBase store it reaches (the
 * server's copy included), so a client whose clock runs more than this ahead cannot sync its
 * writes (it still receives everyone else's).
 */
export const MAX_FUTURE_STAMP_MS = 5 * 60 * 1000;

/**
 * Whether a pushed content diff has the shape TinyBase's clients accept:
 * `[tablesStamp, valuesStamp]` or `[tablesStamp, valuesStamp, 1]`, each stamp `[thing]` or
 * `[thing, time]` with `time` empty or a 16-character HLC (no later than `maxTime`), tables →
 * rows → cells.
 *
 * The Durable Object relays a push to the other clients before its own copy has applied it, so
 * a push TinyBase would refuse must be refused here: a TinyBase client that receives one closes
 * its socket (1007), and one hostile frame would disconnect everybody else. Cell values are not
 * judged here; the schema policy drops the ones it does not accept.
 */
export function isWellFormedChanges(body: unknown, maxTime = Number.POSITIVE_INFINITY): boolean {
  return (
    Array.isArray(body) &&
    (body.length === 2 || (body.length === 3 && body[2] === 1)) &&
    isStampTree(body[0], 3, maxTime) &&
    isStampTree(body[1], 1, maxTime)
  );
}

/**
 * Whether an answer has a shape TinyBase's copy takes (its `isResponse`; anything else makes it
 * close the connection): content hashes, `[tablesStamp, hashes]` for tables and rows, a tables
 * stamp for cells, a values stamp for values, with every time no later than `maxTime`.
 */
export function isWellFormedAnswer(body: unknown, maxTime = Number.POSITIVE_INFINITY): boolean {
  if (!Array.isArray(body)) return false;
  if (body.length === 2 && isHash(body[0]) && isHash(body[1])) return true;
  if (body.length === 2 && Array.isArray(body[0])) {
    return isStampTree(body[0], 3, maxTime) && (isHashTree(body[1], 0) || isHashTree(body[1], 1));
  }
  // Tables hold rows (objects); values hold cells, which the wire never carries as objects.
  const children = body[0] !== null && typeof body[0] === 'object' ? Object.values(body[0]) : [];
  const holdsRows = children.some(
    (child) => Array.isArray(child) && child[0] !== null && typeof child[0] === 'object',
  );
  return isStampTree(body, holdsRows ? 3 : 1, maxTime);
}

/**
 * Whether a well-formed push or answer carries a stamp more than `MAX_FUTURE_STAMP_MS` ahead of
 * `now`: TinyBase refuses the whole change then, and so does the server (see frame-intake.ts).
 */
export function isStampedAhead(type: number, body: unknown, now = Date.now()): boolean {
  const maxTime = now + MAX_FUTURE_STAMP_MS;
  if (type === MESSAGE.contentDiff) return !isWellFormedChanges(body, maxTime);
  if (type === MESSAGE.response) return !isWellFormedAnswer(body, maxTime);
  return false;
}

function isHash(value: unknown): boolean {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 0xffffffff;
}

function isHashTree(tree: unknown, depth: number): boolean {
  return (
    tree !== null &&
    typeof tree === 'object' &&
    !Array.isArray(tree) &&
    Object.values(tree).every((child) => (depth > 0 ? isHashTree(child, depth - 1) : isHash(child)))
  );
}

const HLC = /^[-0-9A-Za-z_]{16}$/;
const HLC_ALPHABET = '-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz';

/** The wall-clock time (ms since epoch) an HLC's first seven characters encode. */
export function hlcTime(hlc: string): number {
  let time = 0;
  for (let index = 0; index < 7; index++) {
    time = time * 64 + Math.max(0, HLC_ALPHABET.indexOf(hlc[index] ?? '-'));
  }
  return time;
}

function isStampTree(stamp: unknown, depth: number, maxTime: number): boolean {
  if (!Array.isArray(stamp)) return false;
  const time: unknown = stamp[1];
  const timeIsValid =
    stamp.length === 1 ||
    (stamp.length === 2 &&
      typeof time === 'string' &&
      (time === '' || (HLC.test(time) && hlcTime(time) <= maxTime)));
  if (!timeIsValid) return false;
  if (depth === 0) return true;
  const children = stamp[0];
  return (
    children !== null &&
    typeof children === 'object' &&
    !Array.isArray(children) &&
    Object.values(children).every((child) => isStampTree(child, depth - 1, maxTime))
  );
}
