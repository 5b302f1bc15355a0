import { MESSAGE, SERVER_CLIENT_ID } from '@tinysync/store/protocol';

/** `S\n[requestId, 2, hashes]`: the server's ContentHashes message. */
export const isContentHashesFromServer = (frame: string): boolean =>
  frame.startsWith(`${SERVER_CLIENT_ID}\n`) &&
  JSON.parse(frame.slice(SERVER_CLIENT_ID.length + 1))[1] === MESSAGE.contentHashes;
