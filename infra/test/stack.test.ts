/**
 * Every stage synthesizes offline, and its template holds each property the issue asks for.
 * One synthesis per stage, shared by that stage's assertions.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POOL_DEFINITION } from '../../src/shared/poolDefinition';
import { SIGN_UP_CHECK_ATTRIBUTE } from '../../src/shared/signUpEmail';
import { ACCESS_LOG_PREFIX } from '../lib/accessLogs';
import { NODE_BASE_IMAGE } from '../lib/apiImage';
import { API_CONTAINER_PORT, DATABASE_ROTATION_DAYS } from '../lib/backend';
import { OUTPUT_KEYS } from '../lib/outputs';
import { STAGES } from '../lib/stages';
import { THREAT_PROTECTION } from '../lib/userPool';
import { MANAGED_RULE_GROUPS, REDACTED_HEADERS } from '../lib/webAcl';
import {
  type CfnResource,
  identityProviderResource,
  only,
  SAMPLE_CONTEXT,
  type Synthesized,
  synthStage,
} from './support/synth';

describe.each(Object.values(STAGES))('stage $name', (stage) => {
  let s: Synthesized;
  beforeAll(() => {
    s = synthStage(stage.name);
  }, 180_000);
  afterAll(() => rmSync(s.outdir, { recursive: true, force: true }));

  describe('user pool', () => {
    it('signs in by username with e-mail and phone as aliases; e-mail required and verified by code; given_name required', () => {
      const { Properties: p } = only(s.template, 'AWS::Cognito::UserPool').resource;
      expect(p.AliasAttributes).toEqual(['email', 'phone_number']);
      expect(p.UsernameAttributes).toBeUndefined();
      expect(p.AutoVerifiedAttributes).toEqual(['email']);
      expect(p.VerificationMessageTemplate.DefaultEmailOption).toBe('CONFIRM_WITH_CODE');
      expect(p.Schema).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ Name: 'email', Required: true }),
          expect.objectContaining({ Name: 'given_name', Required: true }),
        ]),
      );
      expect(p.UsernameConfiguration).toEqual({ CaseSensitive: false });
      expect(p.AdminCreateUserConfig.AllowAdminCreateUserOnly).toBe(false);
    });

    it('holds the sign-up check as a custom attribute of 64 characters', () => {
      const { Properties: p } = only(s.template, 'AWS::Cognito::UserPool').resource;
      expect(p.Schema).toContainEqual({
        Name: SIGN_UP_CHECK_ATTRIBUTE.replace(/^custom:/, ''),
        AttributeDataType: 'String',
        Mutable: true,
        StringAttributeConstraints: { MinLength: '64', MaxLength: '64' },
      });
    });

    it('a pre-sign-up trigger, bundled, allowed only AdminLinkProviderForUser and ListUsers on its own pool (no cycle)', () => {
      const { id: poolId, resource: pool } = only(s.template, 'AWS::Cognito::UserPool');
      const triggerArn = pool.Properties.LambdaConfig.PreSignUp;
      expect(triggerArn).toEqual({ 'Fn::GetAtt': [expect.any(String), 'Arn'] });
      const functionId = triggerArn['Fn::GetAtt'][0] as string;
      const fn = s.template.findResources('AWS::Lambda::Function')[functionId] as CfnResource;
      expect(fn.Properties).toMatchObject({ Handler: 'index.handler', Runtime: 'nodejs22.x', Timeout: 5 });
      const roleId = fn.Properties.Role['Fn::GetAtt'][0];
      const policies = Object.values(s.template.findResources('AWS::IAM::Policy')).filter((p) =>
        JSON.stringify((p as CfnResource).Properties.Roles).includes(roleId),
      ) as CfnResource[];
      const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement);
      expect(statements).toEqual([
        {
          Action: ['cognito-idp:AdminLinkProviderForUser', 'cognito-idp:ListUsers'],
          Effect: 'Allow',
          Resource: { 'Fn::GetAtt': [poolId, 'Arn'] },
        },
      ]);
      // The function must not wait for its policy (the pool waits for the function): no cycle.
      expect(JSON.stringify(fn.DependsOn ?? [])).not.toContain('LinkUsers');
    });

    it('recovers accounts by e-mail only, MFA optional with authenticator apps and e-mailed codes, password policy from the definition', () => {
      const { Properties: p } = only(s.template, 'AWS::Cognito::UserPool').resource;
      expect(p.AccountRecoverySetting).toEqual({
        RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }],
      });
      expect(p.MfaConfiguration).toBe('OPTIONAL');
      expect(p.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA', 'EMAIL_OTP']);
      expect(p.Policies.PasswordPolicy).toEqual({
        MinimumLength: POOL_DEFINITION.passwordPolicy.minLength,
        RequireLowercase: true,
        RequireUppercase: true,
        RequireNumbers: true,
        RequireSymbols: true,
        TemporaryPasswordValidityDays: POOL_DEFINITION.passwordPolicy.temporaryPasswordValidityDays,
      });
    });

    it(`deletion protection ${stage.production ? 'on, pool retained' : 'off, pool removed with the stack'}`, () => {
      const { resource } = only(s.template, 'AWS::Cognito::UserPool');
      expect(resource.Properties.DeletionProtection).toBe(stage.production ? 'ACTIVE' : 'INACTIVE');
      expect(resource.DeletionPolicy).toBe(stage.production ? 'Retain' : 'Delete');
    });

    it('public client: SRP, choice-based sign-in, refresh-token rotation (no REFRESH_TOKEN_AUTH), revocation, code grant only, scopes, gatehouse:// URIs, COGNITO + the providers, no existence errors', () => {
      const google = identityProviderResource(s.template, 'Google');
      const microsoft = identityProviderResource(s.template, 'Microsoft');
      const { resource } = only(s.template, 'AWS::Cognito::UserPoolClient');
      const p = resource.Properties;
      expect(p.GenerateSecret).toBe(false);
      expect([...p.ExplicitAuthFlows].sort()).toEqual(['ALLOW_USER_AUTH', 'ALLOW_USER_SRP_AUTH']);
      expect(p.RefreshTokenRotation).toEqual({ Feature: 'ENABLED', RetryGracePeriodSeconds: 60 });
      expect(p.EnableTokenRevocation).toBe(true);
      expect(p.PreventUserExistenceErrors).toBe('ENABLED');
      expect(p.AllowedOAuthFlowsUserPoolClient).toBe(true);
      expect(p.AllowedOAuthFlows).toEqual(['code']);
      expect([...p.AllowedOAuthScopes].sort()).toEqual(
        ['aws.cognito.signin.user.admin', 'email', 'openid', 'profile'].sort(),
      );
      expect(p.CallbackURLs).toEqual(['gatehouse://auth/callback']);
      expect(p.LogoutURLs).toEqual(['gatehouse://auth/signed-out']);
      expect(p.SupportedIdentityProviders).toEqual(POOL_DEFINITION.client.supportedIdentityProviders);
      // By name only: the client must wait for the providers to exist.
      expect(resource.DependsOn).toContain(google.id);
      expect(resource.DependsOn).toContain(microsoft.id);
      expect(p).toMatchObject({ AccessTokenValidity: 10, IdTokenValidity: 10, RefreshTokenValidity: 43200 });
      expect(p.TokenValidityUnits).toEqual({
        AccessToken: 'minutes',
        IdToken: 'minutes',
        RefreshToken: 'minutes',
      });
    });

    // Issue 30: threat protection (compromised credentials, adaptive authentication) needs the Plus
    // plan (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-sign-in-feature-plans.html);
    // `UserPoolAddOns.AdvancedSecurityMode` ENFORCED is its full-function mode.
    it(`feature plan ${stage.threatProtection ? 'Plus with threat protection enforced' : 'Essentials (passkeys), no threat protection'}`, () => {
      const { Properties: p } = only(s.template, 'AWS::Cognito::UserPool').resource;
      const risk = Object.values(
        s.template.findResources('AWS::Cognito::UserPoolRiskConfigurationAttachment'),
      );
      if (!stage.threatProtection) {
        expect(p.UserPoolTier).toBe('ESSENTIALS');
        expect(p.UserPoolAddOns).toBeUndefined();
        expect(risk).toEqual([]);
        return;
      }
      expect(p.UserPoolTier).toBe('PLUS');
      expect(p.UserPoolAddOns).toEqual({ AdvancedSecurityMode: 'ENFORCED' });
      expect(risk).toHaveLength(1);
      expect(risk[0]?.Properties).toEqual({
        UserPoolId: { Ref: only(s.template, 'AWS::Cognito::UserPool').id },
        ClientId: 'ALL',
        CompromisedCredentialsRiskConfiguration: { Actions: { EventAction: 'BLOCK' } },
        AccountTakeoverRiskConfiguration: {
          Actions: {
            LowAction: { EventAction: THREAT_PROTECTION.risk.low, Notify: false },
            MediumAction: { EventAction: 'MFA_IF_CONFIGURED', Notify: false },
            HighAction: { EventAction: 'BLOCK', Notify: false },
          },
        },
      });
    });

    // Choice-based sign-in's first factors (SignInPolicyType,
    // https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SignInPolicyType.html).
    it('first factors: password, e-mailed and texted codes, passkeys', () => {
      const { Properties: pool } = only(s.template, 'AWS::Cognito::UserPool').resource;
      expect(pool.Policies.SignInPolicy.AllowedFirstAuthFactors).toEqual([
        'PASSWORD',
        'EMAIL_OTP',
        'SMS_OTP',
        'WEB_AUTHN',
      ]);
      expect(pool.UserPoolTier).not.toBe('LITE');
    });

    it('Hosted UI domain prefix from context', () => {
      s.template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
        Domain: SAMPLE_CONTEXT.hostedUiDomainPrefix,
      });
    });

    // Issue 27: passkeys are offered by managed login (not the classic Hosted UI), need a branding
    // style for the client, and their relying party is the managed-login domain
    // (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_WebAuthnConfigurationType.html).
    it('passkeys: a first factor, managed login on the domain with its default branding, relying party = the domain', () => {
      const { Properties: pool } = only(s.template, 'AWS::Cognito::UserPool').resource;
      expect(pool.Policies.SignInPolicy.AllowedFirstAuthFactors).toContain('WEB_AUTHN');
      expect(pool.WebAuthnUserVerification).toBe('preferred');
      expect(JSON.stringify(pool.WebAuthnRelyingPartyID)).toContain(
        `${SAMPLE_CONTEXT.hostedUiDomainPrefix}.auth.`,
      );
      s.template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { ManagedLoginVersion: 2 });
      const branding = only(s.template, 'AWS::Cognito::ManagedLoginBranding').resource.Properties;
      expect(branding.UseCognitoProvidedValues).toBe(true);
      expect(branding.ClientId).toEqual({ Ref: only(s.template, 'AWS::Cognito::UserPoolClient').id });
    });

    it('Google: client id from context, secret only as a Secrets Manager reference, attributes mapped', () => {
      const { Properties: p } = identityProviderResource(s.template, 'Google').resource;
      expect(p.ProviderName).toBe('Google');
      expect(p.ProviderType).toBe('Google');
      expect(p.ProviderDetails.client_id).toBe(SAMPLE_CONTEXT.googleClientId);
      expect(p.ProviderDetails.client_secret).toBe(
        `{{resolve:secretsmanager:gatehouse/${stage.name}/google-client-secret:SecretString:::}}`,
      );
      expect(p.AttributeMapping).toEqual({
        email: 'email',
        email_verified: 'email_verified',
        given_name: 'given_name',
        family_name: 'family_name',
      });
    });
  });

  describe('backend', () => {
    // biome-ignore lint/suspicious/noExplicitAny: CloudFormation JSON
    let container: Record<string, any>;
    beforeAll(() => {
      const task = only(s.template, 'AWS::ECS::TaskDefinition').resource;
      container = task.Properties.ContainerDefinitions[0];
    });
    const env = (name: string) =>
      (container.Environment as Array<{ Name: string; Value: unknown }>).find((e) => e.Name === name)?.Value;

    it('image built from server/Dockerfile as an asset (staged at synth, built at deploy)', () => {
      const assets = JSON.parse(readFileSync(join(s.outdir, `${s.stack.artifactId}.assets.json`), 'utf8'));
      const images = Object.values(assets.dockerImages) as Array<{
        source: { directory: string; dockerFile?: string; dockerBuildArgs?: Record<string, string> };
      }>;
      expect(images).toHaveLength(1);
      expect(images[0]?.source.dockerFile).toBe('server/Dockerfile');
      // The base pinned by digest; without --context rdsCaBundleSha256 a checksum nothing matches.
      expect(images[0]?.source.dockerBuildArgs).toEqual({
        NODE_IMAGE: NODE_BASE_IMAGE,
        RDS_CA_BUNDLE_SHA256: '0'.repeat(64),
      });
      expect(JSON.stringify(container.Image)).toContain('container-assets');
      // The staged build context is what .dockerignore allows: the server and what it imports.
      const context = join(s.outdir, images[0]?.source.directory ?? 'missing');
      expect(readdirSync(context).sort()).toEqual([
        '.dockerignore',
        'package-lock.json',
        'package.json',
        'server',
        'src',
      ]);
      expect(readdirSync(join(context, 'src'))).toEqual(['shared']);
      expect(readdirSync(join(context, 'server'))).not.toContain('test');
    });

    it('wires COGNITO_ISSUER, COGNITO_CLIENT_ID and the database from the resources', () => {
      const pool = only(s.template, 'AWS::Cognito::UserPool').id;
      const client = only(s.template, 'AWS::Cognito::UserPoolClient').id;
      const db = only(s.template, 'AWS::RDS::DBInstance').id;
      expect(env('COGNITO_ISSUER')).toEqual({
        'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [pool, 'ProviderURL'] }]],
      });
      expect(env('COGNITO_CLIENT_ID')).toEqual({ Ref: client });
      expect(env('DATABASE_HOST')).toEqual({ 'Fn::GetAtt': [db, 'Endpoint.Address'] });
      expect(env('DATABASE_PORT')).toEqual({ 'Fn::GetAtt': [db, 'Endpoint.Port'] });
      expect(env('DATABASE_NAME')).toBe('gatehouse');
      expect(env('DATABASE_SSLMODE')).toBe('verify-full');
      expect(env('SERVER_HOST')).toBe('0.0.0.0');
      // Behind the ALB the per-address rate limit must key on the client, not the ALB.
      expect(env('TRUSTED_PROXIES')).toBe('uniquelocal');
      expect(env('SERVER_PORT')).toBe(String(API_CONTAINER_PORT));
      const secrets = Object.fromEntries(
        (container.Secrets as Array<{ Name: string; ValueFrom: unknown }>).map((x) => [
          x.Name,
          JSON.stringify(x.ValueFrom),
        ]),
      );
      // The secret as attached to the instance (its JSON then also holds host and port).
      const dbSecret = only(s.template, 'AWS::SecretsManager::SecretTargetAttachment').id;
      expect(secrets.DATABASE_USER).toContain(dbSecret);
      expect(secrets.DATABASE_PASSWORD).toContain(dbSecret);
      expect(secrets.DATABASE_USER).toContain(':username::');
      expect(secrets.DATABASE_PASSWORD).toContain(':password::');
      // Nothing secret in plain environment variables.
      expect(JSON.stringify(container.Environment)).not.toMatch(/PASSWORD|SECRET/i);
    });

    it('security notices through SES: MAIL_FROM from context, and the task may only send as that address', () => {
      expect(env('MAIL_FROM')).toBe(SAMPLE_CONTEXT.mailFromAddress);
      expect(env('SES_REGION')).toEqual({ Ref: 'AWS::Region' });
      const task = only(s.template, 'AWS::ECS::TaskDefinition').resource;
      const taskRole = task.Properties.TaskRoleArn['Fn::GetAtt'][0];
      const policies = Object.values(s.template.findResources('AWS::IAM::Policy')).filter((policy) =>
        (policy.Properties.Roles as Array<{ Ref: string }>).some((role) => role.Ref === taskRole),
      );
      const statements = policies.flatMap((policy) => policy.Properties.PolicyDocument.Statement);
      const ses = statements.filter((statement) => JSON.stringify(statement.Action).includes('ses:'));
      expect(ses).toHaveLength(1);
      expect(ses[0]).toMatchObject({
        Action: 'ses:SendEmail',
        Effect: 'Allow',
        Condition: { StringEquals: { 'ses:FromAddress': SAMPLE_CONTEXT.mailFromAddress } },
      });
      expect(JSON.stringify(ses[0].Resource)).toContain(':identity/acme.example');
      expect(JSON.stringify(ses[0].Resource)).not.toContain('*');
    });

    it('one name and mistyped sign-up e-mails: the task may read, list and delete users of its own pool, nothing else of Cognito', () => {
      const task = only(s.template, 'AWS::ECS::TaskDefinition').resource;
      const taskRole = task.Properties.TaskRoleArn['Fn::GetAtt'][0];
      const statements = Object.values(s.template.findResources('AWS::IAM::Policy'))
        .filter((policy) =>
          (policy.Properties.Roles as Array<{ Ref: string }>).some((role) => role.Ref === taskRole),
        )
        .flatMap((policy) => policy.Properties.PolicyDocument.Statement);
      const cognito = statements.filter((statement) =>
        JSON.stringify(statement.Action).includes('cognito-idp:'),
      );
      const actions = new Set(cognito.flatMap((statement) => [statement.Action].flat()));
      expect([...actions].sort()).toEqual([
        'cognito-idp:AdminDeleteUser',
        'cognito-idp:AdminGetUser',
        'cognito-idp:ListUsers',
      ]);
      const pool = only(s.template, 'AWS::Cognito::UserPool').id;
      for (const statement of cognito) {
        expect(statement.Effect).toBe('Allow');
        expect(statement.Resource).toEqual({ 'Fn::GetAtt': [pool, 'Arn'] });
      }
    });

    it('container health check on /healthz, logs to CloudWatch, read-only root', () => {
      expect(container.HealthCheck.Command.join(' ')).toContain(`127.0.0.1:${API_CONTAINER_PORT}/healthz`);
      expect(container.LogConfiguration.LogDriver).toBe('awslogs');
      expect(container.ReadonlyRootFilesystem).toBe(true);
      s.template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: stage.logRetentionDays });
    });

    it('Fargate service behind an HTTPS load balancer (HTTP redirects), target health on /healthz', () => {
      s.template.hasResourceProperties('AWS::ECS::Service', {
        LaunchType: 'FARGATE',
        LoadBalancers: [Match.objectLike({ ContainerPort: API_CONTAINER_PORT })],
        DesiredCount: stage.api.minTasks,
        NetworkConfiguration: {
          AwsvpcConfiguration: { AssignPublicIp: stage.natGateways > 0 ? 'DISABLED' : 'ENABLED' },
        },
      });
      s.template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
        Scheme: 'internet-facing',
      });
      s.template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
        Protocol: 'HTTPS',
        Port: 443,
        Certificates: [{ CertificateArn: SAMPLE_CONTEXT.certificateArn }],
      });
      s.template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
        Protocol: 'HTTP',
        DefaultActions: [
          Match.objectLike({ Type: 'redirect', RedirectConfig: Match.objectLike({ Protocol: 'HTTPS' }) }),
        ],
      });
      s.template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
        HealthCheckPath: '/healthz',
        Matcher: { HttpCode: '200' },
      });
    });

    it('tasks accept traffic only from the load balancer', () => {
      const ingress = Object.values(s.template.findResources('AWS::EC2::SecurityGroupIngress')).filter(
        (r) => r.Properties.FromPort === API_CONTAINER_PORT,
      );
      expect(ingress).toHaveLength(1);
      expect(ingress[0]?.Properties.SourceSecurityGroupId).toBeDefined();
      expect(ingress[0]?.Properties.CidrIp).toBeUndefined();
    });

    it('scales on CPU between the stage limits', () => {
      s.template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
        MinCapacity: stage.api.minTasks,
        MaxCapacity: stage.api.maxTasks,
      });
      s.template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
        PolicyType: 'TargetTrackingScaling',
        TargetTrackingScalingPolicyConfiguration: Match.objectLike({
          PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
          TargetValue: stage.api.targetCpuPercent,
        }),
      });
    });

    it('PostgreSQL on RDS: private, encrypted, generated credentials, reachable from the tasks only', () => {
      const { resource: db } = only(s.template, 'AWS::RDS::DBInstance');
      expect(db.Properties).toMatchObject({
        Engine: 'postgres',
        StorageEncrypted: true,
        PubliclyAccessible: false,
        MultiAZ: stage.database.multiAz,
        DeletionProtection: stage.production,
        DBName: 'gatehouse',
      });
      expect(db.DeletionPolicy).toBe(stage.production ? 'Snapshot' : 'Delete');
      expect(db.Properties.EnableCloudwatchLogsExports).toEqual(['postgresql']);
      s.template.hasResourceProperties('Custom::LogRetention', { RetentionInDays: stage.logRetentionDays });
      const secret = only(s.template, 'AWS::SecretsManager::Secret').id;
      expect(JSON.stringify(db.Properties.MasterUserPassword)).toContain(secret);
      const dbIngress = Object.values(s.template.findResources('AWS::EC2::SecurityGroupIngress')).filter(
        (r) =>
          r.Properties.FromPort !== API_CONTAINER_PORT &&
          r.Properties.FromPort !== 443 &&
          r.Properties.FromPort !== 80,
      );
      // From the API tasks and from the rotation function, nothing else.
      expect(dbIngress).toHaveLength(2);
      for (const rule of dbIngress) expect(rule.Properties.SourceSecurityGroupId).toBeDefined();
    });

    // Issue 30: the database's security group allowed all outbound traffic.
    it("the database's security group allows no outbound traffic", () => {
      const { resource: db } = only(s.template, 'AWS::RDS::DBInstance');
      const [groupRef] = db.Properties.VPCSecurityGroups as Array<{ 'Fn::GetAtt': [string, string] }>;
      expect(db.Properties.VPCSecurityGroups).toHaveLength(1);
      const groupId = groupRef?.['Fn::GetAtt'][0] as string;
      const group = s.template.toJSON().Resources[groupId];
      // CDK's marker for "no egress": one rule that matches no traffic (ICMP to a broadcast address).
      expect(group.Properties.SecurityGroupEgress).toEqual([
        expect.objectContaining({ CidrIp: '255.255.255.255/32', IpProtocol: 'icmp' }),
      ]);
      const extraEgress = Object.values(s.template.findResources('AWS::EC2::SecurityGroupEgress')).filter(
        (rule) => JSON.stringify(rule.Properties.GroupId).includes(groupId),
      );
      expect(extraEgress).toEqual([]);
    });

    // Issue 30: the database secret was never rotated.
    it(`the database secret rotates every ${DATABASE_ROTATION_DAYS} days, and the tasks are replaced after each rotation`, () => {
      const attachment = only(s.template, 'AWS::SecretsManager::SecretTargetAttachment').id;
      const { resource: schedule } = only(s.template, 'AWS::SecretsManager::RotationSchedule');
      expect(schedule.Properties.SecretId).toEqual({ Ref: attachment });
      expect(schedule.Properties.RotationRules).toEqual({
        ScheduleExpression: `rate(${DATABASE_ROTATION_DAYS} days)`,
      });
      // AWS's hosted single-user rotation function for PostgreSQL, in the database's isolated subnets,
      // reaching Secrets Manager through the VPC's interface endpoint.
      const { id: app, resource: rotation } = only(s.template, 'AWS::Serverless::Application');
      expect(schedule.Properties.RotationLambdaARN).toEqual({
        'Fn::GetAtt': [app, 'Outputs.RotationLambdaARN'],
      });
      const mapping = Object.values(s.template.toJSON().Mappings ?? {}).find((m) =>
        JSON.stringify(m).includes('SecretsManagerRDSPostgreSQLRotationSingleUser'),
      );
      expect(mapping).toBeDefined();
      expect(JSON.stringify(rotation.Properties.Parameters.vpcSubnetIds)).toMatch(/dataSubnet1.*dataSubnet2/);
      const { resource: endpoint } = only(s.template, 'AWS::EC2::VPCEndpoint');
      expect(endpoint.Properties.VpcEndpointType).toBe('Interface');
      expect(JSON.stringify(endpoint.Properties.ServiceName)).toContain('.secretsmanager');
      expect(JSON.stringify(rotation.Properties.Parameters.endpoint)).toContain('secretsmanager');
      const { resource: rule } = only(s.template, 'AWS::Events::Rule');
      expect(rule.Properties.EventPattern).toMatchObject({
        source: ['aws.secretsmanager'],
        detail: {
          eventName: ['RotationSucceeded'],
          additionalEventData: { SecretId: [{ Ref: attachment }] },
        },
      });
      const service = only(s.template, 'AWS::ECS::Service').id;
      const input = JSON.stringify(rule.Properties.Targets[0].Input);
      expect(input).toContain('updateService');
      expect(input).toContain('forceNewDeployment');
      expect(input).toContain(service);
    });

    // Issue 30: no access logs, invalid header fields forwarded, deletion protection off in prod.
    it(`load balancer: access logs to a private SSE-S3 bucket, invalid header fields dropped, deletion protection ${stage.production ? 'on' : 'off'}`, () => {
      const { resource: lb } = only(s.template, 'AWS::ElasticLoadBalancingV2::LoadBalancer');
      const attributes = Object.fromEntries(
        (lb.Properties.LoadBalancerAttributes as Array<{ Key: string; Value: unknown }>).map((a) => [
          a.Key,
          a.Value,
        ]),
      );
      const { id: bucketId, resource: bucket } = only(s.template, 'AWS::S3::Bucket');
      expect(attributes).toMatchObject({
        'routing.http.drop_invalid_header_fields.enabled': 'true',
        'deletion_protection.enabled': String(stage.production),
        'access_logs.s3.enabled': 'true',
        'access_logs.s3.bucket': { Ref: bucketId },
        'access_logs.s3.prefix': ACCESS_LOG_PREFIX,
      });
      expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration).toEqual([
        { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
      ]);
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.Properties.LifecycleConfiguration.Rules).toEqual([
        { ExpirationInDays: stage.logRetentionDays, Status: 'Enabled' },
      ]);
      const { resource: policy } = only(s.template, 'AWS::S3::BucketPolicy');
      const statements = policy.Properties.PolicyDocument.Statement as Array<Record<string, unknown>>;
      expect(statements).toContainEqual(
        expect.objectContaining({
          Action: 's3:PutObject',
          Effect: 'Allow',
          Principal: { Service: 'logdelivery.elasticloadbalancing.amazonaws.com' },
        }),
      );
      expect(statements).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    });

    it('WAF: rate-based rule per client IP, then the AWS managed rule groups; attached to the load balancer', () => {
      const acl = only(s.template, 'AWS::WAFv2::WebACL');
      expect(acl.resource.Properties.Scope).toBe('REGIONAL');
      const rules = acl.resource.Properties.Rules as Array<Record<string, unknown>>;
      expect(rules[0]).toEqual(
        expect.objectContaining({
          Priority: 0,
          Action: { Block: {} },
          Statement: {
            RateBasedStatement: {
              Limit: stage.wafRequestsPerIpPer5Minutes,
              EvaluationWindowSec: 300,
              AggregateKeyType: 'IP',
            },
          },
        }),
      );
      // Issue 30: only the rate rule existed. Names from
      // https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-list.html
      expect(MANAGED_RULE_GROUPS).toEqual([
        'AWSManagedRulesAmazonIpReputationList',
        'AWSManagedRulesKnownBadInputsRuleSet',
        'AWSManagedRulesCommonRuleSet',
      ]);
      expect(rules.slice(1)).toEqual(
        MANAGED_RULE_GROUPS.map((name, index) =>
          expect.objectContaining({
            Name: name,
            Priority: index + 1,
            // None keeps the group's own block actions; Count would only observe.
            OverrideAction: { None: {} },
            Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: name } },
          }),
        ),
      );
      const lb = only(s.template, 'AWS::ElasticLoadBalancingV2::LoadBalancer').id;
      s.template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
        ResourceArn: { Ref: lb },
        WebACLArn: { 'Fn::GetAtt': [acl.id, 'Arn'] },
      });
    });

    // Issue 30: WAF had no logging. WAF writes only to log groups named `aws-waf-logs-…`
    // (https://docs.aws.amazon.com/waf/latest/developerguide/logging-cw-logs.html), and the bearer
    // token must not reach them.
    it('WAF logs to CloudWatch Logs with the Authorization header redacted', () => {
      const acl = only(s.template, 'AWS::WAFv2::WebACL').id;
      const { resource: logging } = only(s.template, 'AWS::WAFv2::LoggingConfiguration');
      expect(logging.Properties.ResourceArn).toEqual({ 'Fn::GetAtt': [acl, 'Arn'] });
      expect(logging.Properties.RedactedFields).toEqual(
        REDACTED_HEADERS.map((name) => ({ SingleHeader: { Name: name } })),
      );
      expect(REDACTED_HEADERS).toContain('authorization');
      const groups = s.template.findResources('AWS::Logs::LogGroup', {
        Properties: { LogGroupName: Match.stringLikeRegexp('^aws-waf-logs-') },
      });
      const [groupId, group] = Object.entries(groups)[0] ?? [];
      expect(Object.keys(groups)).toHaveLength(1);
      expect(group?.Properties.RetentionInDays).toBe(stage.logRetentionDays);
      expect(JSON.stringify(logging.Properties.LogDestinationConfigs)).toContain(groupId);
      // Without the `:*` the log group's Arn attribute carries (WAF refuses it).
      expect(JSON.stringify(logging.Properties.LogDestinationConfigs)).not.toContain(':*');
    });
  });

  it('outputs what the app configuration needs', () => {
    const outputs = s.template.toJSON().Outputs as Record<string, unknown>;
    for (const key of Object.values(OUTPUT_KEYS)) expect(outputs).toHaveProperty(key);
    expect(outputs[OUTPUT_KEYS.apiUrl]).toMatchObject({ Value: `https://${SAMPLE_CONTEXT.apiDomainName}` });
  });

  it('no placeholder warning when the context is complete', () => {
    const warnings = s.app.node
      .findAll()
      .flatMap((c) => c.node.metadata.filter((m) => m.type === 'aws:cdk:warning'));
    expect(JSON.stringify(warnings)).not.toContain('Placeholder');
  });
});

// Issue 30: threat protection is a stage setting, on in prod (its cost is in README "Security notes").
it('prod runs Cognito on the Plus plan with threat protection; dev stays on Lite', () => {
  expect(STAGES.prod?.threatProtection).toBe(true);
  expect(STAGES.dev?.threatProtection).toBe(false);
});
