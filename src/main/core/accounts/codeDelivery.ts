/** Where a confirmation or reset code went, as the contract shows it (already masked by Cognito). */
export interface CodeDelivery {
  destination: string;
  medium: 'EMAIL' | 'SMS';
}

/** Cognito's `CodeDeliveryDetails` → the contract's shape; `fallback` when Cognito sent none. */
export function toCodeDelivery(details: unknown, fallback: string): CodeDelivery {
  const raw = (details ?? {}) as { Destination?: unknown; DeliveryMedium?: unknown };
  return {
    destination: typeof raw.Destination === 'string' && raw.Destination !== '' ? raw.Destination : fallback,
    medium: raw.DeliveryMedium === 'SMS' ? 'SMS' : 'EMAIL',
  };
}

/** `a***@example.com`: what Cognito itself shows, for when it did not say where the code went. */
export function maskEmail(email: string): string {
  const at = email.indexOf('@');
  if (at < 1) return 'your email address';
  return `${email[0]}***${email.slice(at)}`;
}
