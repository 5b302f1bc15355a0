import { executeStatement } from './execute-statement.ts';
import type { BatchCondition, HranaBatch, HranaError, StmtResult } from './hrana-types.ts';
import type { SqlStream } from './sql-stream.ts';
import { toHranaError } from './to-hrana-error.ts';

export interface BatchResult {
  step_results: (StmtResult | null)[];
  step_errors: (HranaError | null)[];
}

/**
 * Runs a batch: each step only if its condition holds (on earlier steps' outcomes or on the
 * connection being in autocommit). A failing step is recorded, not thrown: later conditions
 * decide what happens, e.g. a ROLLBACK step conditioned on an earlier error.
 */
export function executeBatch(stream: SqlStream, batch: HranaBatch): BatchResult {
  const result: BatchResult = { step_results: [], step_errors: [] };
  for (const step of batch.steps) {
    if (step.condition && !holds(step.condition, result, stream)) {
      result.step_results.push(null);
      result.step_errors.push(null);
      continue;
    }
    try {
      result.step_results.push(executeStatement(stream, step.stmt));
      result.step_errors.push(null);
    } catch (error) {
      result.step_results.push(null);
      result.step_errors.push(toHranaError(error));
    }
  }
  return result;
}

function holds(condition: BatchCondition, result: BatchResult, stream: SqlStream): boolean {
  switch (condition.type) {
    case 'ok':
      return result.step_results[condition.step] != null;
    case 'error':
      return result.step_errors[condition.step] != null;
    case 'not':
      return !holds(condition.cond, result, stream);
    case 'and':
      return condition.conds.every((cond) => holds(cond, result, stream));
    case 'or':
      return condition.conds.some((cond) => holds(cond, result, stream));
    case 'is_autocommit':
      return stream.isAutocommit;
  }
}
