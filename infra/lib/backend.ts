/**
 * The backend API on AWS: the `server/Dockerfile` image on ECS Fargate behind an HTTPS load
 * balancer (access logs in S3, invalid header fields dropped), PostgreSQL on RDS with a generated
 * secret rotated by Secrets Manager, a WAF in front (`webAcl.ts`), logs in CloudWatch, and CPU
 * auto-scaling. Instances are stateless (profiles live in PostgreSQL,
 * tokens are verified against the pool's JWKS), so any number of tasks can serve.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as ecsPatterns from 'aws-cdk-lib/aws-ecs-patterns';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import type * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { enableAccessLogs } from './accessLogs';
import { sesDomainOf } from './poolEmail';
import { redeployOnRotation } from './redeployOnRotation';
import type { StageSettings } from './stages';
import { ApiWebAcl } from './webAcl';

/** The port the server listens on inside its container (`SERVER_PORT`). */
export const API_CONTAINER_PORT = 8787;
/** The database the server's migrations run in. */
export const DATABASE_NAME = 'gatehouse';
/** How often Secrets Manager rotates the database password. */
export const DATABASE_ROTATION_DAYS = 30;

export interface BackendProps {
  stage: StageSettings;
  image: ecs.ContainerImage;
  certificateArn: string;
  /** `COGNITO_ISSUER` and `COGNITO_CLIENT_ID`: whose tokens the API trusts. */
  cognitoIssuer: string;
  cognitoClientId: string;
  /** The pool the API asks (AdminGetUser: who signs in with a display name) and administers (releasing mistyped sign-ups). */
  userPoolArn: string;
  /** `MAIL_FROM`: the address security notices are sent from (its domain a verified SES identity). */
  mailFromAddress: string;
}

/** Retention the stage asks for, as CloudWatch spells it (it only takes certain day counts). */
function retention(days: number): logs.RetentionDays {
  const match = Object.values(logs.RetentionDays).find((value) => value === days);
  if (match === undefined) throw new Error(`CloudWatch cannot keep logs for ${days} days`);
  return match as logs.RetentionDays;
}

/** `ses:SendEmail` on the sender's domain identity, with `ses:FromAddress` pinned to the sender. */
function sendMailAs(scope: Construct, from: string): iam.PolicyStatement {
  const domain = sesDomainOf(from);
  return new iam.PolicyStatement({
    actions: ['ses:SendEmail'],
    resources: [Stack.of(scope).formatArn({ service: 'ses', resource: 'identity', resourceName: domain })],
    conditions: { StringEquals: { 'ses:FromAddress': from } },
  });
}

export class Backend extends Construct {
  readonly service: ecsPatterns.ApplicationLoadBalancedFargateService;
  readonly database: rds.DatabaseInstance;
  readonly webAcl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: BackendProps) {
    super(scope, id);
    const { stage } = props;
    const removal = stage.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const privateTasks = stage.natGateways > 0;

    const vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: 2,
      natGateways: stage.natGateways,
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        ...(privateTasks
          ? [{ name: 'app', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 24 }]
          : []),
        { name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
      ],
    });

    // The database starts no connection of its own: nothing outbound (CDK's security group
    // otherwise allows all egress). Inbound rules are added below for the tasks and the rotation.
    const databaseSecurityGroup = new ec2.SecurityGroup(this, 'DatabaseSecurityGroup', {
      vpc,
      description: 'Gatehouse PostgreSQL: inbound from the API tasks and the rotation function only',
      allowAllOutbound: false,
    });
    this.database = new rds.DatabaseInstance(this, 'Database', {
      securityGroups: [databaseSecurityGroup],
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_17 }),
      instanceType: new ec2.InstanceType(stage.database.instanceType),
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      credentials: rds.Credentials.fromGeneratedSecret('gatehouse'),
      databaseName: DATABASE_NAME,
      multiAz: stage.database.multiAz,
      allocatedStorage: stage.database.allocatedStorageGiB,
      maxAllocatedStorage: stage.database.allocatedStorageGiB * 5,
      storageEncrypted: true,
      publiclyAccessible: false,
      backupRetention: Duration.days(stage.database.backupRetentionDays),
      deletionProtection: stage.production,
      removalPolicy: stage.production ? RemovalPolicy.SNAPSHOT : RemovalPolicy.DESTROY,
      cloudwatchLogsExports: ['postgresql'],
      // RDS creates that log group itself, kept forever unless told otherwise.
      cloudwatchLogsRetention: retention(stage.logRetentionDays),
    });
    const dbSecret = this.database.secret;
    if (dbSecret === undefined) throw new Error('The database has no generated secret');
    // The rotation function runs in the isolated subnets beside the database, which have no route
    // out: it reaches Secrets Manager through an interface endpoint.
    const secretsEndpoint = vpc.addInterfaceEndpoint('SecretsManagerEndpoint', {
      service: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER,
      subnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    });
    this.database.addRotationSingleUser({
      automaticallyAfter: Duration.days(DATABASE_ROTATION_DAYS),
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      endpoint: secretsEndpoint,
    });

    const logGroup = new logs.LogGroup(this, 'ApiLogs', {
      retention: retention(stage.logRetentionDays),
      removalPolicy: removal,
    });

    const taskDefinition = new ecs.FargateTaskDefinition(this, 'ApiTask', {
      cpu: stage.api.cpu,
      memoryLimitMiB: stage.api.memoryMiB,
      runtimePlatform: {
        cpuArchitecture: ecs.CpuArchitecture.X86_64,
        operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
      },
    });
    taskDefinition.addContainer('api', {
      image: props.image,
      portMappings: [{ containerPort: API_CONTAINER_PORT }],
      environment: {
        SERVER_HOST: '0.0.0.0',
        SERVER_PORT: String(API_CONTAINER_PORT),
        COGNITO_ISSUER: props.cognitoIssuer,
        COGNITO_CLIENT_ID: props.cognitoClientId,
        // The server builds DATABASE_URL from these parts and the secret's fields below.
        DATABASE_HOST: this.database.dbInstanceEndpointAddress,
        DATABASE_PORT: this.database.dbInstanceEndpointPort,
        DATABASE_NAME,
        DATABASE_SSLMODE: 'verify-full',
        LOG_LEVEL: 'info',
        // The ALB reaches the tasks from the VPC's private range: the per-address rate limit then
        // keys on the client it forwards for, not on the ALB.
        TRUSTED_PROXIES: 'uniquelocal',
        // Security notices through SES in this region (the server refuses to start without them).
        MAIL_FROM: props.mailFromAddress,
        SES_REGION: Stack.of(this).region,
      },
      secrets: {
        DATABASE_USER: ecs.Secret.fromSecretsManager(dbSecret, 'username'),
        DATABASE_PASSWORD: ecs.Secret.fromSecretsManager(dbSecret, 'password'),
      },
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'api', logGroup }),
      // The image has no curl; Node itself asks /healthz (ECS ignores the Dockerfile's HEALTHCHECK).
      healthCheck: {
        command: [
          'CMD',
          'node',
          '-e',
          `fetch('http://127.0.0.1:${API_CONTAINER_PORT}/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`,
        ],
        interval: Duration.seconds(30),
        timeout: Duration.seconds(5),
        retries: 3,
        startPeriod: Duration.seconds(20),
      },
      readonlyRootFilesystem: true,
    });

    // Least privilege for the notices: send only, only as the configured address, only through its
    // domain's identity (https://docs.aws.amazon.com/ses/latest/dg/control-user-access.html).
    taskDefinition.taskRole.addToPrincipalPolicy(sendMailAs(this, props.mailFromAddress));
    // One name (a display name is no other user's sign-in name: AdminGetUser) and a mistyped sign-up
    // e-mail (server/signUps/: read the user and its check, look up who holds the new address with the
    // pre-sign-up trigger's ListUsers, delete the unconfirmed user): this pool only.
    taskDefinition.taskRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['cognito-idp:AdminGetUser', 'cognito-idp:ListUsers', 'cognito-idp:AdminDeleteUser'],
        resources: [props.userPoolArn],
      }),
    );

    const loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc,
      internetFacing: true,
      // A header with characters outside RFC 7230's token set is removed instead of forwarded
      // (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#load-balancer-attributes).
      dropInvalidHeaderFields: true,
      deletionProtection: stage.production,
    });
    enableAccessLogs(this, loadBalancer, { retentionDays: stage.logRetentionDays, removalPolicy: removal });

    this.service = new ecsPatterns.ApplicationLoadBalancedFargateService(this, 'Api', {
      loadBalancer,
      cluster: new ecs.Cluster(this, 'Cluster', { vpc, containerInsightsV2: ecs.ContainerInsights.DISABLED }),
      taskDefinition,
      desiredCount: stage.api.minTasks,
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      taskSubnets: { subnetType: privateTasks ? ec2.SubnetType.PRIVATE_WITH_EGRESS : ec2.SubnetType.PUBLIC },
      // Without NAT the tasks need a public IP to reach ECR, Secrets Manager and the pool's JWKS;
      // their security group still admits only the load balancer.
      assignPublicIp: !privateTasks,
      protocol: elbv2.ApplicationProtocol.HTTPS,
      certificate: acm.Certificate.fromCertificateArn(this, 'ApiCertificate', props.certificateArn),
      sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
      redirectHTTP: true,
      circuitBreaker: { rollback: true },
      healthCheckGracePeriod: Duration.seconds(30),
    });
    this.service.targetGroup.configureHealthCheck({
      path: '/healthz',
      healthyHttpCodes: '200',
      interval: Duration.seconds(15),
      healthyThresholdCount: 2,
    });
    this.service.targetGroup.setAttribute('deregistration_delay.timeout_seconds', '30');
    this.database.connections.allowDefaultPortFrom(this.service.service, 'API tasks to PostgreSQL');
    // Tasks read the password once, at start: after a rotation, replace them so they use the new one.
    redeployOnRotation(this, 'RedeployOnRotation', { secret: dbSecret, service: this.service.service });

    const scaling = this.service.service.autoScaleTaskCount({
      minCapacity: stage.api.minTasks,
      maxCapacity: stage.api.maxTasks,
    });
    scaling.scaleOnCpuUtilization('Cpu', {
      targetUtilizationPercent: stage.api.targetCpuPercent,
      scaleOutCooldown: Duration.seconds(60),
      scaleInCooldown: Duration.seconds(300),
    });

    this.webAcl = new ApiWebAcl(this, 'Waf', {
      loadBalancer,
      requestsPerIpPer5Minutes: stage.wafRequestsPerIpPer5Minutes,
      logRetention: retention(stage.logRetentionDays),
      removalPolicy: removal,
    }).webAcl;
  }
}
