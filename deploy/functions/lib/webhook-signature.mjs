// Standard Webhooks (standardwebhooks.com) verification, as trigger-runner signs its calls
// (trigger-runner/README.md, "Trigger calls"): the signed content is "<webhook-id>.<webhook-timestamp>.<raw body>",
// HMAC-SHA256 under the bytes of the base64 after "whsec_"; "webhook-signature" holds one or more "v1,<base64>"
// separated by spaces, any of which may match.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SECRET_PREFIX = 'whsec_';
/** How far a timestamp may be from this machine's clock, either way (the Standard Webhooks default). */
export const TOLERANCE_SECONDS = 5 * 60;

/** Why a request is refused; the message is safe to answer (it never repeats the secret or the expected signature). */
export class WebhookVerificationError extends Error {
  constructor(message) {
    super(message);
    this.name = 'WebhookVerificationError';
  }
}

/** The HMAC key of a "whsec_<base64>" secret; throws on anything else, so a mistyped secret stops the start-up. */
export function secretKey(secret) {
  if (typeof secret !== 'string' || !secret.startsWith(SECRET_PREFIX)) {
    throw new Error(`the webhook secret must start with "${SECRET_PREFIX}" (CognateAdmin.GetTriggerWebhookSecret answers it so)`);
  }
  const encoded = secret.slice(SECRET_PREFIX.length);
  const key = Buffer.from(encoded, 'base64');
  // Buffer.from ignores characters outside the alphabet: compare the round trip to catch a truncated or garbled secret.
  if (key.length === 0 || key.toString('base64').replace(/=+$/, '') !== encoded.replace(/=+$/, '')) {
    throw new Error('the webhook secret is not "whsec_" followed by base64');
  }
  return key;
}

/** The "v1,<base64>" signature of one request, as trigger-runner's WebhookSigner computes it. */
export function sign(key, id, timestamp, body) {
  const mac = createHmac('sha256', key);
  mac.update(`${id}.${timestamp}.`);
  mac.update(body);
  return `v1,${mac.digest('base64')}`;
}

/**
 * Checks one request's headers (lower-case names, as node:http gives them) against its raw body (a Buffer).
 * Returns the webhook id; throws WebhookVerificationError when the request must be refused.
 */
export function verify(key, headers, body, nowSeconds = Math.floor(Date.now() / 1000)) {
  const id = single(headers, 'webhook-id');
  const timestamp = single(headers, 'webhook-timestamp');
  const signatures = single(headers, 'webhook-signature');
  if (!/^\d{1,15}$/.test(timestamp)) {
    throw new WebhookVerificationError('webhook-timestamp is not a number of seconds');
  }
  const age = nowSeconds - Number(timestamp);
  if (age > TOLERANCE_SECONDS) {
    throw new WebhookVerificationError('webhook-timestamp is too old');
  }
  if (age < -TOLERANCE_SECONDS) {
    throw new WebhookVerificationError('webhook-timestamp is too far in the future');
  }
  const expected = Buffer.from(sign(key, id, timestamp, body).slice('v1,'.length), 'base64');
  const matches = signatures.split(' ')
    .filter((candidate) => candidate.startsWith('v1,'))
    .some((candidate) => {
      const given = Buffer.from(candidate.slice('v1,'.length), 'base64');
      // timingSafeEqual needs equal lengths; the length of an HMAC-SHA256 is public anyway.
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
  if (!matches) {
    throw new WebhookVerificationError('no matching v1 signature in webhook-signature');
  }
  return id;
}

function single(headers, name) {
  const value = headers[name];
  if (typeof value !== 'string' || value.length === 0) {
    throw new WebhookVerificationError(`${name} header missing`);
  }
  return value;
}
