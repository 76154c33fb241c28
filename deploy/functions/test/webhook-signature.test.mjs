import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { secretKey, sign, verify, WebhookVerificationError, TOLERANCE_SECONDS } from '../lib/webhook-signature.mjs';

// The Standard Webhooks specification's own test vector (also used by the Svix libraries).
const SPEC_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const SPEC_ID = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
const SPEC_TIMESTAMP = 1614265330;
const SPEC_BODY = '{"test": 2432232314}';
const SPEC_SIGNATURE = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';

test('signs the Standard Webhooks test vector as the specification does', () => {
  assert.equal(sign(secretKey(SPEC_SECRET), SPEC_ID, SPEC_TIMESTAMP, Buffer.from(SPEC_BODY)), SPEC_SIGNATURE);
});

test('signs what trigger-runner signs: HMAC-SHA256 of "<id>.<timestamp>.<body>" under the base64-decoded secret', () => {
  const key = Buffer.alloc(32, 7);
  const expected = createHmac('sha256', key).update('msg_1.1700000000.{"a":1}').digest('base64');
  assert.equal(sign(key, 'msg_1', 1700000000, Buffer.from('{"a":1}')), `v1,${expected}`);
});

test('accepts the vector within five minutes and any one matching signature of several', () => {
  const headers = { 'webhook-id': SPEC_ID, 'webhook-timestamp': String(SPEC_TIMESTAMP), 'webhook-signature': `v1,bm90IGl0 ${SPEC_SIGNATURE}` };
  assert.equal(verify(secretKey(SPEC_SECRET), headers, Buffer.from(SPEC_BODY), SPEC_TIMESTAMP + TOLERANCE_SECONDS), SPEC_ID);
});

test('refuses a stale, a future, a tampered, a foreign-secret or an unsigned request', () => {
  const key = secretKey(SPEC_SECRET);
  const headers = { 'webhook-id': SPEC_ID, 'webhook-timestamp': String(SPEC_TIMESTAMP), 'webhook-signature': SPEC_SIGNATURE };
  const refused = (h, body, now, message) => assert.throws(() => verify(key, h, Buffer.from(body), now),
    (error) => error instanceof WebhookVerificationError && error.message === message);
  refused(headers, SPEC_BODY, SPEC_TIMESTAMP + TOLERANCE_SECONDS + 1, 'webhook-timestamp is too old');
  refused(headers, SPEC_BODY, SPEC_TIMESTAMP - TOLERANCE_SECONDS - 1, 'webhook-timestamp is too far in the future');
  refused(headers, '{"test": 2432232315}', SPEC_TIMESTAMP, 'no matching v1 signature in webhook-signature');
  refused({ ...headers, 'webhook-id': 'msg_other' }, SPEC_BODY, SPEC_TIMESTAMP, 'no matching v1 signature in webhook-signature');
  refused({ ...headers, 'webhook-signature': SPEC_SIGNATURE.replace('v1,', 'v2,') }, SPEC_BODY, SPEC_TIMESTAMP,
    'no matching v1 signature in webhook-signature');
  refused({ ...headers, 'webhook-signature': 'v1,AAAA' }, SPEC_BODY, SPEC_TIMESTAMP, 'no matching v1 signature in webhook-signature');
  refused({ ...headers, 'webhook-timestamp': '1614265330.5' }, SPEC_BODY, SPEC_TIMESTAMP, 'webhook-timestamp is not a number of seconds');
  refused({ 'webhook-id': SPEC_ID, 'webhook-timestamp': String(SPEC_TIMESTAMP) }, SPEC_BODY, SPEC_TIMESTAMP, 'webhook-signature header missing');
  assert.throws(() => verify(secretKey('whsec_' + Buffer.alloc(24, 1).toString('base64')), headers, Buffer.from(SPEC_BODY), SPEC_TIMESTAMP),
    /no matching v1 signature/);
});

test('refuses a secret that is not whsec_ followed by base64', () => {
  assert.throws(() => secretKey(undefined), /must start with "whsec_"/);
  assert.throws(() => secretKey('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'), /must start with "whsec_"/);
  assert.throws(() => secretKey('whsec_'), /not "whsec_" followed by base64/);
  assert.throws(() => secretKey('whsec_not base64!'), /not "whsec_" followed by base64/);
});
