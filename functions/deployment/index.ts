/**
 * The contract between the CDK app (lib/) and the Lambdas (functions/handlers/): every physical
 * name of a stage, what the functions read from their environment and bundled settings file, the
 * control table's keys, the secrets the stack ensures, and the metrics its alarms watch. Both
 * sides import it from here; it imports no AWS SDK, CDK or handler code.
 */
export * from './control-table-keys.js';
export * from './deployment.js';
export * from './observability.js';
export * from './secrets.js';
export * from './stage-names.js';
