/**
 * Every error TinySync throws extends `TinySyncError` and carries a stable `code`, so callers
 * (and the HTTP API later) can branch on `error.code` instead of parsing messages.
 */
export abstract class TinySyncError extends Error {
  abstract readonly code: string;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** One reason a value was refused, addressed by table, row and cell. */
export interface ValidationIssue {
  readonly tableId: string;
  readonly rowId?: string;
  /** The cell at fault; absent when the problem is the row as a whole (e.g. an unknown table). */
  readonly cellId?: string;
  readonly message: string;
}

/** A write was refused because some of its fields are invalid. Nothing was written. */
export class ValidationError extends TinySyncError {
  readonly code = 'validation_failed';
  readonly issues: readonly ValidationIssue[];

  constructor(issues: readonly ValidationIssue[]) {
    super(
      `Invalid write: ${issues
        .map(
          (issue) =>
            `${[issue.tableId, issue.rowId, issue.cellId].filter(Boolean).join('.')}: ${issue.message}`,
        )
        .join('; ')}`,
    );
    this.issues = issues;
  }
}

/** The schema definition itself is inconsistent (e.g. a reference to a table that does not exist). */
export class SchemaError extends TinySyncError {
  readonly code = 'invalid_schema';
}

/** An update or delete addressed a row that is not in the store. */
export class RowNotFoundError extends TinySyncError {
  readonly code = 'row_not_found';

  constructor(
    readonly tableId: string,
    readonly rowId: string,
  ) {
    super(`No row '${rowId}' in table '${tableId}'`);
  }
}

/** A create addressed an id that is already taken. */
export class RowExistsError extends TinySyncError {
  readonly code = 'row_exists';

  constructor(
    readonly tableId: string,
    readonly rowId: string,
  ) {
    super(`Row '${rowId}' already exists in table '${tableId}'`);
  }
}

/**
 * An operation ran before local data finished loading. Loading replaces the store's content,
 * so a write made earlier would be lost: wait for `store.ready` first.
 */
export class StoreNotReadyError extends TinySyncError {
  readonly code = 'store_not_ready';

  constructor() {
    super(
      'The store is still loading its local data: await `store.ready` before reading or writing',
    );
  }
}

/** The store was destroyed; create a new one. */
export class StoreDestroyedError extends TinySyncError {
  readonly code = 'store_destroyed';

  constructor() {
    super('The store has been destroyed');
  }
}

/** Local persistence could not be opened (no IndexedDB, private mode, quota); data lives in memory only. */
export class PersistenceUnavailableError extends TinySyncError {
  readonly code = 'persistence_unavailable';
}

/** The server accepts no writes from this session (e.g. an `org:viewer`); nothing was written. */
export class ReadOnlyError extends TinySyncError {
  readonly code = 'read_only';

  constructor() {
    super('This session is read-only: the server does not accept its writes');
  }
}

/** A cell the server refused: it put its own value back over the one written. */
export interface RefusedCell {
  readonly tableId: string;
  readonly rowId: string;
  readonly cellId: string;
  /** What the write set; undefined for a deletion. */
  readonly written: unknown;
  /** What the server holds instead; undefined where it has no such cell. */
  readonly serverValue: unknown;
}

/**
 * The server refused a write after it was made locally (a value its schema or the session's
 * permissions do not allow): it put its own values back, and every replica, this one included,
 * now holds those. Nothing of the refused cells remains.
 */
export class WriteRefusedError extends TinySyncError {
  readonly code = 'write_refused';
  readonly cells: readonly RefusedCell[];

  constructor(cells: readonly RefusedCell[]) {
    super(
      `The server refused the write: ${cells
        .map(({ tableId, rowId, cellId }) => `${tableId}.${rowId}.${cellId}`)
        .join(', ')} put back`,
    );
    this.cells = cells;
  }
}

/**
 * The sync client was destroyed before the server confirmed a write. The write stays in the
 * local store and goes out with the next sync of that store.
 */
export class UnconfirmedWriteError extends TinySyncError {
  readonly code = 'write_unconfirmed';

  constructor() {
    super('The sync client was destroyed before the server confirmed the write');
  }
}
