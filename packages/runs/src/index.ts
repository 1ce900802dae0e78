export { type OperationCounter, type OperationRecorder, reportOperations } from './operations.ts';
export {
  parseLimit,
  parseRequestBody,
  type RefusalKind,
  type RunOutcome,
  type RunRoutesOptions,
  type RunTarget,
  runRoutes,
  runsReport,
} from './routes.ts';
export {
  DEFAULT_HISTORY_LIMIT,
  DEFAULT_KEEP_RUNS,
  RunBook,
  type RunRecord,
  type RunStatus,
  type RunTrigger,
  type SqlExec,
} from './run-book.ts';
