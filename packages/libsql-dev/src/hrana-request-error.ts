/** A request the server refuses (as opposed to SQL the engine rejects), with its Hrana code. */
export class HranaRequestError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}
