/**
 * The WAF in front of the API's load balancer: a per-IP rate limit, AWS's managed rule groups
 * (IP reputation, known bad inputs, the common rule set), and logging of what it sees to CloudWatch
 * Logs with the credentials redacted.
 */
import { ArnFormat, type RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

/**
 * AWS managed rule groups, in evaluation order after the rate rule. Names as AWS lists them
 * (https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-list.html): the
 * IP reputation list blocks sources AWS threat intelligence knows to be bad, known bad inputs
 * blocks request patterns of known exploits (Log4j, …), the common rule set covers the OWASP
 * Top 10 style attacks. None of them costs WCUs beyond the ACL's 1,500 default.
 */
export const MANAGED_RULE_GROUPS = [
  'AWSManagedRulesAmazonIpReputationList',
  'AWSManagedRulesKnownBadInputsRuleSet',
  'AWSManagedRulesCommonRuleSet',
] as const;

/**
 * Headers WAF must not write to its logs: the API's bearer ID token travels in `Authorization`.
 * (https://docs.aws.amazon.com/waf/latest/developerguide/logging-management.html: redacted fields
 * are replaced with `REDACTED` in the log records.)
 */
export const REDACTED_HEADERS = ['authorization', 'cookie'] as const;

export interface ApiWebAclProps {
  loadBalancer: elbv2.IApplicationLoadBalancer;
  requestsPerIpPer5Minutes: number;
  logRetention: logs.RetentionDays;
  removalPolicy: RemovalPolicy;
}

const visibility = (metricName: string) => ({
  cloudWatchMetricsEnabled: true,
  metricName,
  sampledRequestsEnabled: true,
});

/** The web ACL, its association with the load balancer, and its logging. */
export class ApiWebAcl extends Construct {
  readonly webAcl: wafv2.CfnWebACL;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ApiWebAclProps) {
    super(scope, id);
    const name = `${Stack.of(this).stackName}-api`;
    this.webAcl = new wafv2.CfnWebACL(this, 'Acl', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(name),
      rules: [
        {
          // Per-IP limits at the edge hold across every task; the server's own limiter is per process.
          name: 'rate-per-ip',
          priority: 0,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              limit: props.requestsPerIpPer5Minutes,
              evaluationWindowSec: 300,
              aggregateKeyType: 'IP',
            },
          },
          visibilityConfig: visibility(`${name}-rate-per-ip`),
        },
        ...MANAGED_RULE_GROUPS.map((group, index) => ({
          name: group,
          priority: index + 1,
          // `none` keeps each group's own actions (block); `count` would only observe.
          overrideAction: { none: {} },
          statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: group } },
          visibilityConfig: visibility(`${name}-${group}`),
        })),
      ],
    });
    new wafv2.CfnWebACLAssociation(this, 'Association', {
      resourceArn: props.loadBalancer.loadBalancerArn,
      webAclArn: this.webAcl.attrArn,
    });

    // WAF only delivers to log groups whose name starts with `aws-waf-logs-`.
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: `aws-waf-logs-${name}`,
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    new wafv2.CfnLoggingConfiguration(this, 'Logging', {
      resourceArn: this.webAcl.attrArn,
      // The log group's ARN without the `:*` suffix its `Arn` attribute carries, which WAF refuses.
      logDestinationConfigs: [
        Stack.of(this).formatArn({
          service: 'logs',
          resource: 'log-group',
          resourceName: this.logGroup.logGroupName,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      ],
      redactedFields: REDACTED_HEADERS.map((header) => ({ singleHeader: { Name: header } })),
    });
  }
}
