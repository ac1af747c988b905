/**
 * What the Lambdas publish and the CDK app's alarms and dashboard watch: service names (the
 * `service` dimension Powertools adds), metric names, and the re-notifier's alarm prefix.
 */

/** The reconciler's Powertools service name: the `service` dimension of its metrics. */
export const RECONCILER_SERVICE = 'report-fetcher-reconciler';

/**
 * The reconciler's per-table freshness metric (dimensions `service`, `source`, `table`): seconds
 * since a scheduled run last committed a partition of the table. Each table's freshness alarm
 * watches it.
 */
export const FRESHNESS_METRIC = 'SecondsSinceLastCommit';

/** The re-notifier resets the alarms whose names start with this prefix (the stage's). */
export const ALARM_PREFIX_ENV = 'REPORT_FETCHER_ALARM_PREFIX';
