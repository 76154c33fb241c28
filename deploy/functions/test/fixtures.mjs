// Test helpers: a secret in trigger-runner's format and requests signed as its WebhookSigner signs them.
import { randomBytes } from 'node:crypto';
import { secretKey, sign } from '../lib/webhook-signature.mjs';

export const SECRET = `whsec_${randomBytes(32).toString('base64')}`;
export const KEY = secretKey(SECRET);

export function preSignUpEvent(overrides = {}) {
  return {
    version: '1',
    triggerSource: 'PreSignUp_SignUp',
    region: 'us-east-1',
    userPoolId: 'us-east-1_AbCdEfGhI',
    userName: 'alice',
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'abcdefghijklmnopqrstuvwxyz' },
    request: { userAttributes: { email: 'alice@example.com' }, validationData: null },
    response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
    ...overrides,
  };
}

/** The headers trigger-runner sends with `body`, signed with `secretKey` at `timestamp` (epoch seconds). */
export function signedHeaders(body, { key = KEY, id = `msg_${randomBytes(8).toString('hex')}`, timestamp = Math.floor(Date.now() / 1000) } = {}) {
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': sign(key, id, timestamp, Buffer.from(body)),
  };
}

/** POSTs `event` to the server, signed unless told otherwise; resolves {status, body (parsed)}. */
export async function call(baseUrl, event, signing = {}) {
  const body = typeof event === 'string' ? event : JSON.stringify(event);
  const headers = signing === null ? { 'content-type': 'application/json' } : signedHeaders(body, signing);
  const response = await fetch(`${baseUrl}/trigger`, { method: 'POST', headers, body });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) };
}
