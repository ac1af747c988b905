import { Validations } from 'aws-cdk-lib';
import { CfnManagedPolicy, CfnPolicy } from 'aws-cdk-lib/aws-iam';
import { rules } from 'cdk-nag';
import type { Construct } from 'constructs';

/** cdk-nag's own AwsSolutions-IAM5 rule: the findings acknowledged are exactly the ones it reports. */
const wildcardRule = rules.iam.IAMNoWildcardPermissions as unknown as (
  node: CfnPolicy | CfnManagedPolicy,
) => string[] | unknown;

/** A wildcard this app uses on purpose, and why. */
export interface ExpectedWildcard {
  /** Matched against cdk-nag's finding, e.g. `Resource::arn:<AWS::Partition>:s3:::<Bucket>/_staging/*`. */
  pattern: RegExp;
  reason: string;
}

/**
 * Acknowledges the AwsSolutions-IAM5 (wildcard) findings of the IAM policies under `scope`, on
 * each policy itself, when they match an expected wildcard; anything else stays a finding and
 * fails the synth. Runs at validation time, after cross-stack references are resolved, so the
 * acknowledged ids are the ones cdk-nag computes from the final template.
 */
export function acknowledgeWildcards(scope: Construct, expected: ExpectedWildcard[]): void {
  scope.node.addValidation({
    validate: () => {
      for (const child of scope.node.findAll()) {
        if (!(child instanceof CfnPolicy || child instanceof CfnManagedPolicy)) continue;
        const findings = wildcardRule(child);
        if (!Array.isArray(findings)) continue;
        for (const finding of findings as string[]) {
          const match = expected.find((e) => e.pattern.test(finding));
          if (match)
            Validations.of(child).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason: match.reason });
        }
      }
      return [];
    },
  });
}

/** X-Ray's two write actions have no resource-level permissions. */
export const XRAY_WILDCARD: ExpectedWildcard = {
  pattern: /^Resource::\*$/,
  reason:
    'X-Ray tracing (Tracing.ACTIVE): xray:PutTraceSegments and xray:PutTelemetryRecords do not support resource-level permissions.',
};
/** Secrets Manager appends six random characters to every secret ARN. */
export const SECRET_SUFFIX_WILDCARD: ExpectedWildcard = {
  pattern: /^Resource::arn:<AWS::Partition>:secretsmanager:.*-\?\?\?\?\?\?$/,
  reason:
    'Secrets Manager appends a random six-character suffix to a secret ARN; "-??????" matches exactly that suffix.',
};

/** TableV2.grantReadWriteData also covers the table's indexes (`<table arn>/index/*`). */
export const CONTROL_TABLE_INDEXES: ExpectedWildcard = {
  pattern: /^Resource::<[A-Za-z0-9]*Control[A-Za-z0-9]*(\.Arn|Arn)>\/index\/\*$/,
  reason:
    "The control table's own indexes, added by TableV2.grantReadWriteData: items of this one table only.",
};
