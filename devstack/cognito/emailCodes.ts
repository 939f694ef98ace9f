import type { DeliveryDetails } from 'cognito-local/lib/services/messageDelivery/messageDelivery';
import type { User, UserPoolService } from 'cognito-local/lib/services/userPoolService.js';
import type { CognitoCore } from './core.js';
import { newCode } from './mailbox.js';

/** Where Cognito says a code went when it went by e-mail. */
export function emailDelivery(email: string): DeliveryDetails {
  return { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: email };
}

/** Which Cognito operation a mailed code belongs to (what the message service words it by). */
type CodeSource = Parameters<CognitoCore['services']['messages']['deliver']>[1];

/** Mails a fresh code to `email` for `user`; answers the code and where it went. */
export async function mailCode(
  core: CognitoCore,
  pool: UserPoolService,
  user: User,
  email: string,
  clientId: string,
  source: CodeSource,
): Promise<{ code: string; details: DeliveryDetails }> {
  const code = newCode();
  const details = emailDelivery(email);
  await core.services.messages.deliver(
    core.ctx,
    source,
    clientId,
    pool.options.Id,
    user,
    code,
    undefined,
    details,
  );
  return { code, details };
}
