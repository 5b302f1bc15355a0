import { parseProtocolMessage } from './protocol-message.js';

/** A protocol message's request id and type, without its body. */
export interface MessageHead {
  readonly requestId: string | null;
  readonly type: number;
}

/**
 * `[requestId, type,` as TinyBase and `JSON.stringify` write it (no spaces): read without
 * parsing the body, which may be the whole store.
 */
const HEAD = /^\[(null|"(?:[^"\\]|\\.)*"),([0-7]),/;
/** A fragment's header: `<16-char message id>\n<index>\n<total>\n`. */
const FRAGMENT_HEADER = /^[-0-9A-Z_a-z]{16}\n(\d+)\n\d+\n/;

/**
 * The head of a whole message remainder; undefined when it is not a protocol message. Written
 * another way (spaces, `2.0`), the message is parsed whole: only a client that writes so pays.
 */
export function readMessageHead(remainder: string): MessageHead | undefined {
  const head = readCompactHead(remainder);
  if (head !== undefined) return head;
  const message = parseProtocolMessage(remainder);
  return message === undefined ? undefined : { requestId: message[0], type: message[1] };
}

/**
 * The head of a message written compactly, as TinyBase writes every message it sends (a big
 * one in fragments, whose first starts with the head); undefined for later fragments and for
 * anything written otherwise.
 */
export function readCompactMessageHead(remainder: string): MessageHead | undefined {
  const fragment = FRAGMENT_HEADER.exec(remainder);
  if (fragment === null) return readCompactHead(remainder);
  return fragment[1] === '0' ? readCompactHead(remainder.slice(fragment[0].length)) : undefined;
}

function readCompactHead(text: string): MessageHead | undefined {
  const head = HEAD.exec(text);
  if (head === null) return undefined;
  try {
    return { requestId: JSON.parse(head[1] as string) as string | null, type: Number(head[2]) };
  } catch {
    return undefined; // A raw control character in the id: not JSON after all.
  }
}
