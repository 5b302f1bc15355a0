import { MESSAGE } from '@tinysync/store/protocol';

/** A decoded protocol message: `[requestId, message type, body]`. */
export type ProtocolMessage = [requestId: string | null, type: number, body: unknown];

/** Parses a message remainder; undefined when it is not a TinyBase protocol message. */
export function parseProtocolMessage(remainder: string): ProtocolMessage | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(remainder);
  } catch {
    return undefined;
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 3 ||
    !(parsed[0] === null || typeof parsed[0] === 'string') ||
    !Number.isInteger(parsed[1]) ||
    (parsed[1] as number) < MESSAGE.response ||
    (parsed[1] as number) > MESSAGE.getValueDiff
  ) {
    return undefined;
  }
  return parsed as ProtocolMessage;
}
