import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed links of a campaign mail (退订、打开、点击、意向): the HMAC-SHA256 of the link's purpose and
 * its ids under the link secret, base64url, cut to 128 bits. A link cannot be made for another
 * delivery or another purpose without the secret. Pure.
 */
export function signLink(secret: string, ...parts: string[]): string {
  return createHmac('sha256', secret).update(parts.join('\n')).digest('base64url').slice(0, 22);
}

/** Whether `signature` is the signature of `parts` (constant time). */
export function verifyLink(secret: string, signature: string, ...parts: string[]): boolean {
  const expected = Buffer.from(signLink(secret, ...parts));
  const given = Buffer.from(String(signature));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The link secret: CAMPAIGN_LINK_SECRET if set, else derived from the JWT secret (so an install
 * has one secret to keep, and a leaked link key does not reveal the token key).
 */
export function linkSecret(env: { CAMPAIGN_LINK_SECRET?: string; JWT_SECRET: string }): string {
  return env.CAMPAIGN_LINK_SECRET || createHmac('sha256', env.JWT_SECRET).update('techmarket campaign links').digest('hex');
}

/** A Message-ID fixed by the delivery, so every attempt of one delivery carries the same id. */
export function deliveryMessageId(deliveryId: string, domain: string): string {
  return `<campaign.${deliveryId}@${domain}>`;
}
