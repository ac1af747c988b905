import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { StageNames } from '../functions/deployment/index.js';
import { groupWithoutRenaming } from './logical-ids.js';

export interface AlarmTopicProps {
  names: StageNames;
}

/**
 * Where every alarm of a stage notifies: the SNS topic `report-fetcher-<stage>-alarms`, encrypted
 * with its own customer-managed key (rotated; CloudWatch may use it to publish), SSL enforced.
 * `action` is the alarm action every alarm of the stage adds.
 */
export class AlarmTopic extends Construct {
  readonly topic: Topic;
  readonly key: Key;
  readonly action: SnsAction;

  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    super(scope, id);
    groupWithoutRenaming(this);
    const { names } = props;
    // Alarms publish to an encrypted topic; CloudWatch needs a customer key it may use.
    this.key = new Key(this, 'AlarmTopicKey', {
      enableKeyRotation: true,
      description: `Encrypts the ${names.prefix} alarm topic`,
      // Nothing outlives the topic it encrypts: scheduled for deletion with the stack.
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    this.key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.topic = new Topic(this, 'Alarms', {
      topicName: `${names.prefix}-alarms`,
      displayName: `${names.prefix} alarms`,
      masterKey: this.key,
      enforceSSL: true,
    });
    this.action = new SnsAction(this.topic);
  }
}
