/**
 * How the dev user pool is registered at the fake Facebook, Apple and Amazon, in each provider's own
 * shapes. Dev constants, never real credentials; Apple's key pair is made fresh at every start
 * (`startDevstack`), like a .p8 downloaded once.
 */
export const FACEBOOK_DEV_APP = {
  /** Facebook app ids are numeric strings. */
  appId: '100000000000001',
  appSecret: 'gatehouse-facebook-dev-app-secret-not-for-production',
} as const;

export const APPLE_DEV_SERVICES_ID = {
  /** The Services ID (reverse-domain), Cognito's client id for Apple. */
  servicesId: 'dev.gatehouse.signin',
  /** Apple's team and key ids are 10 upper-case letters and digits. */
  teamId: 'GATEHOUSE1',
  keyId: 'DEVKEY0001',
} as const;

export const AMAZON_DEV_SECURITY_PROFILE = {
  clientId: 'amzn1.application-oa2-client.gatehousedev0000000000000001',
  clientSecret: 'gatehouse-amazon-dev-client-secret-not-for-production',
} as const;
