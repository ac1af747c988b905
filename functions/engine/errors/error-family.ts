/**
 * Every error belongs to one failure family. The family, not the individual code, decides what a
 * caller does: the CLI's exit code, the metric a Lambda counts, whether the user or the vendor
 * must act. Codes stay stable for logs and tests; families group them for operators.
 */
export type ErrorFamily = 'input' | 'config' | 'auth' | 'vendor' | 'drift' | 'budget' | 'internal';

export interface FamilyTraits {
  /** The CLI's exit status when a command stops on an error of this family. */
  exitCode: number;
  /** The CloudWatch metric a handler adds for a task that failed with this family. */
  metric: string;
  /** Who has to act, for docs and `--help`. */
  meaning: string;
}

/**
 * Exit 2 only for what the user can fix in what they typed or configured; 1 stays "the run
 * finished, some partitions failed" (bin/cli-io.ts).
 */
export const ERROR_FAMILIES: Readonly<Record<ErrorFamily, FamilyTraits>> = {
  input: { exitCode: 2, metric: 'InputErrors', meaning: 'a command line or event the user can correct' },
  config: { exitCode: 2, metric: 'ConfigErrors', meaning: 'the configuration or a missing credential' },
  auth: { exitCode: 3, metric: 'AuthErrors', meaning: 'the vendor refused the credentials' },
  vendor: {
    exitCode: 4,
    metric: 'VendorErrors',
    meaning: 'the vendor failed, answered badly or could not be reached',
  },
  drift: {
    exitCode: 5,
    metric: 'DriftErrors',
    meaning: "the vendor's data no longer matches the schema or its own counts",
  },
  budget: {
    exitCode: 6,
    metric: 'BudgetErrors',
    meaning: 'a limit on what the vendor controls, or a deadline, was reached',
  },
  internal: {
    exitCode: 70,
    metric: 'InternalErrors',
    meaning: 'a defect in report-fetcher (REPORT_FETCHER_DEBUG=1 shows the stack)',
  },
};
