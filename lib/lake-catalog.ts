import { Stack } from 'aws-cdk-lib';
import { CfnDatabase, CfnTable } from 'aws-cdk-lib/aws-glue';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { StageNames } from '../functions/deployment/index.js';
import type { LakeTable } from './lake-tables.js';
import { groupWithoutRenaming } from './logical-ids.js';

/** Partition projection's earliest date: backfills before it are not visible in Athena. */
const PROJECTION_START = '2015-01-01';
/**
 * Partition projection's last date. Report dates are in the source's time zone, which runs up to
 * 14 hours ahead of UTC (Pacific/Kiritimati): `NOW` (UTC) would hide today's snapshot of a
 * source east of UTC until UTC midnight.
 */
export const PROJECTION_END = 'NOW+1DAYS';

const SERDES: Record<LakeTable['format'], CfnTable.StorageDescriptorProperty> = {
  parquet: {
    inputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
    outputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
    serdeInfo: { serializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' },
  },
  ndjson: {
    inputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
    outputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
    serdeInfo: {
      // The Hive JSON SerDe, not OpenX: Athena documents OpenX results as possibly non-deterministic.
      serializationLibrary: 'org.apache.hive.hcatalog.data.JsonSerDe',
      // The engine writes timestamps with Date.toISOString(): always UTC, always milliseconds.
      parameters: { 'timestamp.formats': "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'" },
    },
  },
};

export interface LakeCatalogProps {
  names: StageNames;
  /** The lake bucket the tables read. */
  bucket: IBucket;
  /** One per connector report of the config (lakeTables), each in its one format. */
  tables: readonly LakeTable[];
}

/**
 * The Glue side of the lake: the stage's database and one table per connector report, in the
 * table's one format (one SerDe), with partition projection on `source` (the config's sources of
 * the table) and `dt` (up to tomorrow in UTC), so there is no crawler and no MSCK REPAIR.
 */
export class LakeCatalog extends Construct {
  readonly database: CfnDatabase;
  readonly tables: CfnTable[] = [];

  constructor(scope: Construct, id: string, props: LakeCatalogProps) {
    super(scope, id);
    groupWithoutRenaming(this);
    const { names, bucket } = props;
    const account = Stack.of(this).account;
    this.database = new CfnDatabase(this, 'Database', {
      catalogId: account,
      databaseInput: { name: names.glueDatabase, description: `Vendor reports pulled by ${names.prefix}` },
    });
    for (const table of props.tables) {
      const location = `s3://${bucket.bucketName}/${table.folder}/`;
      const glueTable = new CfnTable(this, `Table-${table.name}`, {
        catalogId: account,
        databaseName: names.glueDatabase,
        tableInput: {
          name: table.name,
          description: `${table.description} (${table.connector} report "${table.report}", ${table.format})`,
          tableType: 'EXTERNAL_TABLE',
          partitionKeys: [
            { name: 'source', type: 'string', comment: 'Configured source name' },
            { name: 'dt', type: 'string', comment: 'Report date (YYYY-MM-DD) in the source time zone' },
          ],
          parameters: {
            classification: table.format === 'parquet' ? 'parquet' : 'json',
            EXTERNAL: 'TRUE',
            'projection.enabled': 'true',
            'projection.source.type': 'enum',
            'projection.source.values': table.sources.join(','),
            'projection.dt.type': 'date',
            'projection.dt.format': 'yyyy-MM-dd',
            'projection.dt.range': `${PROJECTION_START},${PROJECTION_END}`,
            'projection.dt.interval': '1',
            'projection.dt.interval.unit': 'DAYS',
            'storage.location.template': `${location}source=\${source}/dt=\${dt}/`,
          },
          storageDescriptor: {
            location,
            columns: table.columns,
            ...SERDES[table.format],
          },
        },
      });
      glueTable.addResourceDependency(this.database);
      this.tables.push(glueTable);
    }
  }
}
