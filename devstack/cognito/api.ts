import type { IncomingMessage, ServerResponse } from 'node:http';
import { CognitoError, UnsupportedError } from 'cognito-local/lib/errors.js';
import { isSupportedTarget } from 'cognito-local/lib/targets/Target.js';
import { readBodyBytes } from '../http/io.js';
import { authorizeAccessToken } from './accessToken.js';
import type { CognitoCore } from './core.js';
import { CognitoException } from './errors.js';
import { type AdminCredentials, verifySigV4 } from './sigv4.js';
import {
  confirmForgotPassword,
  confirmSignUp,
  forgotPassword,
  resendConfirmationCode,
} from './targets/accountCodes.js';
import { adminGetUser } from './targets/adminGetUser.js';
import { deleteUser } from './targets/deleteUser.js';
import {
  adminForgetDevice,
  adminGetDevice,
  adminListDevices,
  confirmDevice,
  forgetDevice,
  getDevice,
  listDevices,
  updateDeviceStatus,
} from './targets/devices.js';
import { initiateAuth } from './targets/initiateAuth.js';
import { adminDisableProviderForUser, adminLinkProviderForUser } from './targets/providerLinks.js';
import { getTokensFromRefreshToken, withRotationSetting } from './targets/refreshTargets.js';
import { respondToAuthChallenge } from './targets/respondToAuthChallenge.js';
import {
  adminUserGlobalSignOut,
  changePassword,
  globalSignOut,
  revokeToken,
} from './targets/sessionTargets.js';
import { signUp } from './targets/signUp.js';
import {
  adminSetUserMfaPreference,
  associateSoftwareToken,
  setUserMfaPreference,
  verifySoftwareToken,
} from './targets/softwareToken.js';
import {
  getUserAttributeVerificationCode,
  updateUserAttributes,
  verifyUserAttribute,
} from './targets/userAttributes.js';
import {
  adminInitiateAuth,
  adminRespondToAuthChallenge,
  getUserAuthFactors,
} from './targets/userAuthTargets.js';
import {
  completeWebAuthnRegistration,
  deleteWebAuthnCredential,
  listWebAuthnCredentials,
  startWebAuthnRegistration,
} from './targets/webAuthn.js';

type Handler = (req: Record<string, unknown>) => Promise<unknown>;

/** Targets Gatehouse answers itself, because cognito-local lacks them or gets them wrong. */
const OWN_TARGETS: Record<string, (core: CognitoCore) => Handler> = {
  InitiateAuth: initiateAuth,
  RespondToAuthChallenge: respondToAuthChallenge,
  SignUp: signUp,
  ConfirmSignUp: confirmSignUp,
  ResendConfirmationCode: resendConfirmationCode,
  ForgotPassword: forgotPassword,
  ConfirmForgotPassword: confirmForgotPassword,
  GlobalSignOut: globalSignOut,
  AdminUserGlobalSignOut: adminUserGlobalSignOut,
  RevokeToken: revokeToken,
  ChangePassword: changePassword,
  AssociateSoftwareToken: associateSoftwareToken,
  VerifySoftwareToken: verifySoftwareToken,
  SetUserMFAPreference: setUserMfaPreference,
  AdminSetUserMFAPreference: adminSetUserMfaPreference,
  StartWebAuthnRegistration: startWebAuthnRegistration,
  CompleteWebAuthnRegistration: completeWebAuthnRegistration,
  ListWebAuthnCredentials: listWebAuthnCredentials,
  DeleteWebAuthnCredential: deleteWebAuthnCredential,
  GetTokensFromRefreshToken: getTokensFromRefreshToken,
  CreateUserPoolClient: withRotationSetting('CreateUserPoolClient'),
  UpdateUserPoolClient: withRotationSetting('UpdateUserPoolClient'),
  UpdateUserAttributes: updateUserAttributes,
  GetUserAttributeVerificationCode: getUserAttributeVerificationCode,
  VerifyUserAttribute: verifyUserAttribute,
  AdminInitiateAuth: adminInitiateAuth,
  AdminRespondToAuthChallenge: adminRespondToAuthChallenge,
  GetUserAuthFactors: getUserAuthFactors,
  ConfirmDevice: confirmDevice,
  UpdateDeviceStatus: updateDeviceStatus,
  GetDevice: getDevice,
  ListDevices: listDevices,
  ForgetDevice: forgetDevice,
  AdminGetDevice: adminGetDevice,
  AdminListDevices: adminListDevices,
  AdminForgetDevice: adminForgetDevice,
  DeleteUser: deleteUser,
  AdminLinkProviderForUser: adminLinkProviderForUser,
  AdminDisableProviderForUser: adminDisableProviderForUser,
  AdminGetUser: adminGetUser,
};

/** cognito-local targets that take an access token but never check it: the devstack checks it first. */
const ACCESS_TOKEN_TARGETS = new Set([
  'GetUser',
  'UpdateUserAttributes',
  'DeleteUser',
  'DeleteUserAttributes',
  'VerifyUserAttribute',
  'GetUserAttributeVerificationCode',
]);

/**
 * The targets AWS serves without IAM credentials: public ones and those authorized by the user's
 * access token or a challenge session (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pools-API-operations.html,
 * "Authorization models"). Every other target (Admin*, List*, pool and client management) is
 * IAM-authorized: the devstack asks for a SigV4 signature with its per-run key, so a web page that
 * reaches loopback cannot list users or set their passwords.
 */
const IAM_FREE_TARGETS: ReadonlySet<string> = new Set([
  'SignUp',
  'ConfirmSignUp',
  'ResendConfirmationCode',
  'ForgotPassword',
  'ConfirmForgotPassword',
  'InitiateAuth',
  'RespondToAuthChallenge',
  'RevokeToken',
  'GetTokensFromRefreshToken',
  'GlobalSignOut',
  'ChangePassword',
  'AssociateSoftwareToken',
  'VerifySoftwareToken',
  'SetUserMFAPreference',
  'SetUserSettings',
  'StartWebAuthnRegistration',
  'CompleteWebAuthnRegistration',
  'ListWebAuthnCredentials',
  'DeleteWebAuthnCredential',
  'GetUserAuthFactors',
  ...ACCESS_TOKEN_TARGETS,
  'ConfirmDevice',
  'ForgetDevice',
  'GetDevice',
  'ListDevices',
  'UpdateDeviceStatus',
]);

const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';

/** Dates go out as epoch seconds, as in the AWS JSON protocol. */
function awsJson(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key, v) {
    const raw = this[key];
    return raw instanceof Date ? Math.floor(raw.getTime() / 1000) : v;
  });
}

function sendAws(res: ServerResponse, status: number, body: unknown, errorType?: string): void {
  // No CORS headers: the app calls from its main process, and a wildcard would let any web page the
  // developer opens read the answers.
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.1',
    ...(errorType === undefined ? {} : { 'x-amzn-errortype': `${errorType}:` }),
  });
  res.end(awsJson(body));
}

/**
 * `POST /` of the user-pool API: Gatehouse's own targets first, then cognito-local's (with the
 * access token checked where cognito-local would skip it, and a SigV4 signature by `admin` for
 * IAM-authorized targets). Errors use Cognito's JSON shape.
 */
export function userPoolApi(
  core: CognitoCore,
  admin: { credentials: AdminCredentials; region: string },
  log: (line: string) => void,
) {
  const own = Object.fromEntries(Object.entries(OWN_TARGETS).map(([name, make]) => [name, make(core)]));
  const handlerFor = (target: string): Handler | undefined => {
    const mine = own[target];
    if (mine !== undefined) return mine;
    if (!isSupportedTarget(target)) return undefined;
    const delegate = core.route(target);
    if (!ACCESS_TOKEN_TARGETS.has(target)) return (req) => delegate(core.ctx, req);
    return async (req) => {
      await authorizeAccessToken(core, req.AccessToken);
      return delegate(core.ctx, req);
    };
  };

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const header = req.headers['x-amz-target'];
    const target =
      typeof header === 'string' && header.startsWith(TARGET_PREFIX)
        ? header.slice(TARGET_PREFIX.length)
        : '';
    const handler = handlerFor(target);
    if (handler === undefined) {
      sendAws(
        res,
        400,
        { __type: 'UnknownOperationException', message: `Unknown operation ${target}` },
        'UnknownOperationException',
      );
      return;
    }
    const raw = await readBodyBytes(req);
    if (!IAM_FREE_TARGETS.has(target)) {
      try {
        const url = new URL(req.url ?? '/', 'http://devstack.invalid');
        verifySigV4(
          { method: req.method ?? 'POST', url, headers: req.headers, body: raw },
          admin.credentials,
          admin.region,
        );
      } catch (err) {
        if (!(err instanceof CognitoException)) throw err;
        sendAws(res, err.status, { __type: err.type, message: err.message }, err.type);
        return;
      }
    }
    let body: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(raw.toString('utf8') || '{}');
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        throw new Error('not an object');
      body = parsed as Record<string, unknown>;
    } catch {
      sendAws(
        res,
        400,
        { __type: 'SerializationException', message: 'Malformed request body' },
        'SerializationException',
      );
      return;
    }
    try {
      sendAws(res, 200, (await handler(body)) ?? {});
    } catch (err) {
      if (err instanceof CognitoException) {
        sendAws(res, err.status, { __type: err.type, message: err.message }, err.type);
      } else if (err instanceof CognitoError) {
        sendAws(res, 400, { __type: err.code, message: err.message }, err.code);
      } else if (err instanceof UnsupportedError) {
        log(`[cognito] ${target}: not supported by cognito-local: ${err.message}`);
        sendAws(
          res,
          500,
          { __type: 'CognitoLocal#Unsupported', message: err.message },
          'InternalErrorException',
        );
      } else {
        log(`[cognito] ${target} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        sendAws(
          res,
          500,
          { __type: 'InternalErrorException', message: 'Internal error' },
          'InternalErrorException',
        );
      }
    }
  };
}
