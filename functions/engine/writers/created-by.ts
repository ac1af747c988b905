/** The app's version; test/unit/parquet-writer.test.ts keeps it equal to package.json's. */
const APP_VERSION = '0.1.0';

/**
 * Parquet's `created_by` in the form readers parse (parquet-mr's VersionParser, Arrow, Spark):
 * `<app> version <semver> (build <id>)`, so they can tell which writer made a file. The build id
 * is the git commit the Lambda bundles were built from (lib/lambda-bundling.ts defines it), or
 * `local` when the engine runs from source.
 */
export function parquetCreatedBy(build: string = process.env.REPORT_FETCHER_BUILD ?? 'local'): string {
  return `report-fetcher version ${APP_VERSION} (build ${build})`;
}
