import { HranaRequestError } from './hrana-request-error.ts';
import type { HranaStmt } from './hrana-types.ts';
import { type EngineValue, toEngineValue } from './hrana-value.ts';
import { hasNamelessParameter } from './sql-parameters.ts';

/** A statement's arguments as ONE value for the engine: a list, or an object of named ones. */
export type EngineArguments = EngineValue[] | Record<string, EngineValue>;

/**
 * The engine's `run`/`all` must be given exactly this one value, never a spread list: they read
 * a lone object argument as named arguments, and a blob (a Buffer) or null is an object. Spread,
 * `SELECT ?` with one blob went to the named binding, which panics on a parameter without a
 * name and aborts the whole process; one null was refused.
 *
 * Positional args make a list; named args an object keyed without their `:`/`@`/`$`. The
 * engine takes one or the other, so a statement mixing both is refused clearly, and so are
 * named args for SQL with a nameless `?` (the engine's named binding panics on it).
 */
export function engineArguments(stmt: HranaStmt, sql: string): EngineArguments {
  const args = listOf(stmt.args, 'args');
  const namedArgs = listOf(stmt.named_args, 'named_args');
  if (namedArgs.length === 0) return args.map(toEngineValue);
  if (args.length > 0) {
    throw new HranaRequestError(
      'This dev server cannot mix positional and named arguments in one statement',
      'ARGS_INVALID',
    );
  }
  if (hasNamelessParameter(sql)) {
    throw new HranaRequestError(
      'Named arguments were given for a statement with a ? parameter without a name: ' +
        'pass positional arguments, or name or number (?1) every parameter',
      'ARGS_INVALID',
    );
  }
  // No prototype: a parameter named like `:toString` or `:__proto__` finds only what was sent.
  const named: Record<string, EngineValue> = Object.create(null);
  for (const namedArg of namedArgs) {
    const { name, value } = (namedArg ?? {}) as { name?: unknown; value?: unknown };
    if (typeof name !== 'string')
      throw new HranaRequestError('A named argument needs a string name', 'ARGS_INVALID');
    named[name.replace(/^[:@$]/, '')] = toEngineValue(value);
  }
  return named;
}

function listOf<T>(list: T[] | undefined, field: string): T[] {
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list))
    throw new HranaRequestError(`The statement's ${field} must be a list`, 'ARGS_INVALID');
  return list;
}
