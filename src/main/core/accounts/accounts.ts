import type { PasswordPolicy } from '../../../shared/ipc/contract';
import { createPasswordChanges, type PasswordChanges } from './passwordChanges';
import { createPasswordSignIn, type PasswordSignIn } from './passwordSignIn';
import { createRegistration, type Registration } from './registration';
import { createSessionTokens, type SessionTokens } from './sessionTokens';
import { createUserPool, type UserPoolOptions } from './userPool';

/** Every Cognito user-pool operation Gatehouse uses, each failing with a GatehouseError. */
export type Accounts = Registration & PasswordSignIn & PasswordChanges & SessionTokens;

/** Builds the accounts layer over one user pool. */
export function createAccounts(options: UserPoolOptions & { passwordPolicy: PasswordPolicy }): Accounts {
  const userPool = createUserPool(options);
  const policy = options.passwordPolicy;
  return {
    ...createRegistration(userPool, policy),
    ...createPasswordSignIn(userPool, policy),
    ...createPasswordChanges(userPool, policy),
    ...createSessionTokens(userPool, policy),
  };
}
