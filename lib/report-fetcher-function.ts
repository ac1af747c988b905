import { type Duration, RemovalPolicy, Size, Validations } from 'aws-cdk-lib';
import type { IAlarmAction } from 'aws-cdk-lib/aws-cloudwatch';
import { Architecture, Function as LambdaFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { StageNames } from '../functions/deployment/index.js';
import { ConfigError } from '../functions/engine/index.js';
import type { ControlTable } from './control-table.js';
import type { DeploymentSettings } from './deployment-settings.js';
import { HANDLER, handlerCode } from './handler-code.js';

/** Lambda function names are at most 64 characters. */
const FUNCTION_NAME_LIMIT = 64;

export interface ReportFetcherFunctionProps {
  names: StageNames;
  /** The physical name (also the log group's: `/aws/lambda/<name>`). */
  functionName: string;
  /** File under functions/handlers/. */
  entry: string;
  description: string;
  timeout: Duration;
  memorySize: number;
  /** Its /tmp, when it needs more than Lambda's default 512 MB. */
  ephemeralStorageMb?: number;
  /** The deployment settings (pipeline functions); absent for helpers that need none. */
  settings?: DeploymentSettings;
  environment?: Record<string, string>;
  logRetention: RetentionDays;
}

/**
 * One pipeline Lambda: bundled by esbuild (no Docker, see handler-code.ts) with the deployment settings file, a
 * named log group that goes with the stack (so a redeploy after a destroy does not collide on
 * it), X-Ray tracing, and a heap cap at half the memory.
 */
export class ReportFetcherFunction extends Construct {
  readonly function: LambdaFunction;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: ReportFetcherFunctionProps) {
    super(scope, id);
    if (props.functionName.length > FUNCTION_NAME_LIMIT)
      throw new ConfigError(
        `function name "${props.functionName}" is longer than ${FUNCTION_NAME_LIMIT} characters: shorten the source name or the stage`,
      );
    this.logGroup = new LogGroup(this, 'Logs', {
      logGroupName: props.names.logGroup(props.functionName),
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.function = new LambdaFunction(this, 'Function', {
      code: handlerCode(props.entry, props.settings ? [props.settings.file] : []),
      handler: HANDLER,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      functionName: props.functionName,
      description: props.description,
      timeout: props.timeout,
      memorySize: props.memorySize,
      ...(props.ephemeralStorageMb ? { ephemeralStorageSize: Size.mebibytes(props.ephemeralStorageMb) } : {}),
      logGroup: this.logGroup,
      tracing: Tracing.ACTIVE,
      environment: {
        ...props.settings?.environment,
        ...props.environment,
        // V8 otherwise lets garbage grow towards its own default heap size before collecting;
        // half the function's memory keeps a million-row commit well inside it (bench/results.md).
        NODE_OPTIONS: `--enable-source-maps --max-old-space-size=${Math.floor(props.memorySize / 2)}`,
        POWERTOOLS_LOG_LEVEL: 'INFO',
        POWERTOOLS_METRICS_NAMESPACE: props.names.metricsNamespace,
      },
    });
    acknowledgeLambdaBasics(this.function);
  }
}

/** The cdk-nag findings every Lambda of this app has, acknowledged on that function only. */
export function acknowledgeLambdaBasics(fn: Construct): void {
  Validations.of(fn).acknowledge(
    {
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        'AWSLambdaBasicExecutionRole only lets a function write CloudWatch logs; it is the AWS-maintained minimum for Lambda.',
    },
    {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords have no resource-level permissions (added by Tracing.ACTIVE).',
    },
    {
      id: 'AwsSolutions-L1',
      reason:
        'nodejs22.x is pinned on purpose: the code is tested on Node 20/22 and middy 6 / Powertools 2 support it; nodejs24.x follows after testing there.',
    },
  );
}

/** What a construct around one of the stage's shared functions (planner, committer) is given. */
export interface StageFunctionProps {
  names: StageNames;
  settings: DeploymentSettings;
  /** The lake bucket; each construct grants its function only the keys it needs. */
  bucket: IBucket;
  /** The stage's control table (run ledger, rate budgets, token leases, commit fences). */
  control: ControlTable;
  /** Where the construct's alarms notify. */
  alarmAction: IAlarmAction;
  logRetention: RetentionDays;
}
