import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, type ITableV2, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { KEY } from '../functions/deployment/index.js';

export interface ControlTableProps {
  /** Default: RETAIN (the ledger and commit fences outlive a stack deletion). */
  removalPolicy?: RemovalPolicy;
}

/**
 * The control table: what every Lambda container of the pipeline must agree on (rate budgets per
 * vendor account, token leases with fencing tokens, the run ledger, commit fences), in one
 * DynamoDB table. On-demand (load follows the runs), point-in-time recovery on (the ledger is
 * the record of what was committed), TTL on `ttl` (budgets and leases expire after a day, ledger
 * entries after 90 days). Item layout: functions/adapters/aws/dynamo-control-table.ts.
 */
export class ControlTable extends Construct {
  readonly table: ITableV2;

  constructor(scope: Construct, id: string, props: ControlTableProps = {}) {
    super(scope, id);
    this.table = new TableV2(this, 'Table', {
      partitionKey: { name: KEY.partition, type: AttributeType.STRING },
      sortKey: { name: KEY.sort, type: AttributeType.STRING },
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: KEY.ttl,
      encryption: TableEncryptionV2.awsManagedKey(),
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
  }

  /** Item reads and conditional writes; nothing else (no scans of other tables, no admin). */
  grantUse(grantee: IGrantable): void {
    this.table.grantReadWriteData(grantee);
  }
}
