/**
 * The user pool's pre-sign-up trigger (infra/triggers/preSignUp.ts: links a verified federated
 * e-mail to the password user who holds it; refuses a password sign-up for an e-mail in use),
 * bundled with esbuild, allowed exactly the two calls it makes, on its own pool only.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration } from 'aws-cdk-lib';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import { UserPoolOperation } from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';

/** The repository root (the bundle's project root, where package-lock.json is). */
const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** What the trigger may call: nothing else (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncognitouserpools.html). */
export const PRE_SIGN_UP_ACTIONS = ['cognito-idp:AdminLinkProviderForUser', 'cognito-idp:ListUsers'];

/** The trigger's function, attached to the pool. */
export class PreSignUpTrigger extends Construct {
  readonly function: NodejsFunction;

  constructor(scope: Construct, id: string, props: { userPool: cognito.UserPool }) {
    super(scope, id);
    this.function = new NodejsFunction(this, 'Function', {
      entry: join(REPO_ROOT, 'infra', 'triggers', 'preSignUpLambda.ts'),
      handler: 'handler',
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 256,
      // Cognito waits at most 5 seconds for a trigger.
      timeout: Duration.seconds(5),
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      // The Node.js runtime ships the AWS SDK v3: it is not bundled.
      bundling: { format: OutputFormat.CJS, minify: true, externalModules: ['@aws-sdk/*'] },
    });
    props.userPool.addTrigger(UserPoolOperation.PRE_SIGN_UP, this.function);
    // Pool → function (its trigger), so the function's permission on the pool cannot go in the
    // role's default policy, which the function depends on: that closes a cycle. A policy of its
    // own depends on the pool and the role, and nothing depends on it (aws-cdk issue #7016).
    new iam.Policy(this, 'LinkUsers', {
      roles: [this.function.role as iam.IRole],
      statements: [
        new iam.PolicyStatement({ actions: PRE_SIGN_UP_ACTIONS, resources: [props.userPool.userPoolArn] }),
      ],
    });
  }
}
