/**
 * The load balancer's access logs: an S3 bucket (SSE-S3, the only encryption ELB can write to;
 * private; TLS only; objects expire with the stage's log retention) and the attributes that point
 * the load balancer at it. CDK's `logAccessLogs` does the same but refuses a stack whose region is
 * unknown at synth (a synth without AWS credentials, the tests); this picks the writer principal
 * the way it does when the region is known, and AWS's log-delivery service principal otherwise.
 */
import { Duration, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import type { Construct } from 'constructs';

/** Key prefix of the load balancer's log objects in the bucket. */
export const ACCESS_LOG_PREFIX = 'alb';

/**
 * Who writes the logs
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html):
 * the Region's Elastic Load Balancing account in Regions older than August 2022, the
 * `logdelivery.elasticloadbalancing.amazonaws.com` service principal in newer ones.
 */
function logWriter(region: string): iam.IPrincipal {
  const account = Token.isUnresolved(region) ? undefined : RegionInfo.get(region).elbv2Account;
  return account
    ? new iam.AccountPrincipal(account)
    : new iam.ServicePrincipal('logdelivery.elasticloadbalancing.amazonaws.com');
}

/** Creates the bucket and turns the load balancer's access logs on into it. */
export function enableAccessLogs(
  scope: Construct,
  loadBalancer: elbv2.ApplicationLoadBalancer,
  options: { retentionDays: number; removalPolicy: RemovalPolicy },
): s3.Bucket {
  const bucket = new s3.Bucket(scope, 'AccessLogs', {
    encryption: s3.BucketEncryption.S3_MANAGED,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    lifecycleRules: [{ expiration: Duration.days(options.retentionDays) }],
    removalPolicy: options.removalPolicy,
    autoDeleteObjects: options.removalPolicy === RemovalPolicy.DESTROY,
  });
  const stack = Stack.of(scope);
  bucket.addToResourcePolicy(
    new iam.PolicyStatement({
      actions: ['s3:PutObject'],
      principals: [logWriter(stack.region)],
      resources: [bucket.arnForObjects(`${ACCESS_LOG_PREFIX}/AWSLogs/${stack.account}/*`)],
    }),
  );
  loadBalancer.setAttribute('access_logs.s3.enabled', 'true');
  loadBalancer.setAttribute('access_logs.s3.bucket', bucket.bucketName);
  loadBalancer.setAttribute('access_logs.s3.prefix', ACCESS_LOG_PREFIX);
  // ELB checks it may write when the attribute is set: the policy must exist first.
  const policy = bucket.policy?.node.defaultChild;
  const lb = loadBalancer.node.defaultChild;
  if (policy && lb) lb.node.addDependency(policy);
  return bucket;
}
