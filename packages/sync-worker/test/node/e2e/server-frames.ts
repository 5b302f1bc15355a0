/** `S\n[requestId, 2, hashes]`: the server's ContentHashes message (TinyBase message type 2). */
export const isContentHashesFromServer = (frame: string): boolean =>
  frame.startsWith('S\n') && JSON.parse(frame.slice(2))[1] === 2;
