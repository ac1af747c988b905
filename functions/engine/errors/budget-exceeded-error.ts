import { type ErrorContext, ReportFetcherError } from './report-fetcher-error.js';

/**
 * A quantity the vendor controls went past the budget the source allows (pages, rows, bytes, a
 * line, a request's total time, a wait the vendor imposed). Never retried: the same vendor would
 * do it again. `budget` is the config key that raises it.
 */
export class BudgetExceededError extends ReportFetcherError {
  readonly budget: string;
  constructor(
    budget: string,
    message: string,
    options: {
      context?: ErrorContext;
      code?: 'BUDGET_EXCEEDED' | 'BODY_TOO_LARGE';
      /** What helps instead, when raising the budget would not (a bound the store sets). */
      remedy?: string;
    } = {},
  ) {
    super(
      options.code ?? 'BUDGET_EXCEEDED',
      `${message} (budget limits.${budget}; ${options.remedy ?? "raise it in the source's config if the vendor really needs more"})`,
      { context: options.context },
    );
    this.budget = budget;
  }
}
