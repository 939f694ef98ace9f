/**
 * Restarts the API's tasks after Secrets Manager rotates the database password. ECS injects a
 * secret into a container once, when the task starts; a task started before a rotation keeps the
 * old password and can open no new database connection after it. On each successful rotation an
 * EventBridge rule asks ECS for a new deployment, which replaces the tasks one by one (the
 * service's 100 % minimum healthy keeps capacity) with tasks that read the new password.
 */
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';

export interface RedeployOnRotationProps {
  secret: secretsmanager.ISecret;
  service: ecs.FargateService;
}

/**
 * The rule: Secrets Manager's `RotationSucceeded` CloudTrail event for `secret`
 * (https://docs.aws.amazon.com/secretsmanager/latest/userguide/cloudtrail_log_entries.html#cloudtrail_log_entries_rotation)
 * → `ecs:UpdateService` with `forceNewDeployment`.
 */
export function redeployOnRotation(
  scope: Construct,
  id: string,
  props: RedeployOnRotationProps,
): events.Rule {
  const { service } = props;
  return new events.Rule(scope, id, {
    description: 'Replace the API tasks after the database password rotates',
    eventPattern: {
      source: ['aws.secretsmanager'],
      // Listed as a service event; matched under both CloudTrail detail types to be safe.
      detailType: ['AWS Service Event via CloudTrail', 'AWS API Call via CloudTrail'],
      detail: {
        eventSource: ['secretsmanager.amazonaws.com'],
        eventName: ['RotationSucceeded'],
        additionalEventData: { SecretId: [props.secret.secretArn] },
      },
    },
    targets: [
      new targets.AwsApi({
        service: 'ECS',
        action: 'updateService',
        parameters: {
          cluster: service.cluster.clusterName,
          service: service.serviceName,
          forceNewDeployment: true,
        },
        policyStatement: new iam.PolicyStatement({
          actions: ['ecs:UpdateService'],
          resources: [service.serviceArn],
        }),
      }),
    ],
  });
}
