import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createTriggerServer } from '../lib/trigger-server.mjs';
import { KEY, call, preSignUpEvent, signedHeaders } from './fixtures.mjs';

const quiet = { info() {}, warn() {}, error() {} };
const servers = [];

/** A listening adapter in front of `handler`; resolves its base URL and records what the handler saw. */
async function serve(handler, options = {}) {
  const seen = [];
  const server = createTriggerServer((event, context, callback) => {
    seen.push({ event: structuredClone(event), context });
    return handler(event, context, callback);
  }, { key: KEY, log: quiet, ...options });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  servers.push(server);
  return { url: `http://127.0.0.1:${server.address().port}`, seen };
}

after(() => servers.forEach((server) => server.close()));

test('an async handler\'s returned event is the 200 answer', async () => {
  const { url, seen } = await serve(async (event) => {
    event.response.autoConfirmUser = true;
    return event;
  });
  const { status, body } = await call(url, preSignUpEvent());
  assert.equal(status, 200);
  assert.deepEqual(body, { ...preSignUpEvent(), response: { autoConfirmUser: true, autoVerifyEmail: false, autoVerifyPhone: false } });
  assert.deepEqual(seen[0].event, preSignUpEvent());
  assert.match(seen[0].context.awsRequestId, /^msg_/);
  assert.ok(seen[0].context.getRemainingTimeInMillis() > 4000 && seen[0].context.getRemainingTimeInMillis() <= 5000);
});

test('a callback-style handler answers through its callback, also when it calls back later', async () => {
  const { url } = await serve((event, context, callback) => {
    setTimeout(() => callback(null, { ...event, response: { autoConfirmUser: true } }), 20);
  });
  const { status, body } = await call(url, preSignUpEvent());
  assert.equal(status, 200);
  assert.equal(body.response.autoConfirmUser, true);
});

test('a thrown error, a rejected promise and callback(error) answer 500 with Lambda\'s {errorType, errorMessage}', async () => {
  class NotOnTheGuestList extends Error {
    constructor(message) { super(message); this.name = 'NotOnTheGuestList'; }
  }
  const thrower = await serve(() => { throw new Error('not on the guest list'); });
  const rejecter = await serve(async () => { throw new NotOnTheGuestList('nope'); });
  const callsBack = await serve((event, context, callback) => callback(new Error('called back with an error')));
  const stringThrower = await serve(async () => { throw 'just a string'; }); // eslint-disable-line no-throw-literal

  assert.deepEqual(await call(thrower.url, preSignUpEvent()), { status: 500, body: { errorType: 'Error', errorMessage: 'not on the guest list' } });
  assert.deepEqual(await call(rejecter.url, preSignUpEvent()), { status: 500, body: { errorType: 'NotOnTheGuestList', errorMessage: 'nope' } });
  assert.deepEqual(await call(callsBack.url, preSignUpEvent()), { status: 500, body: { errorType: 'Error', errorMessage: 'called back with an error' } });
  assert.deepEqual(await call(stringThrower.url, preSignUpEvent()), { status: 500, body: { errorType: 'string', errorMessage: 'just a string' } });
});

test('a handler that never answers ends as Lambda\'s timeout', async () => {
  const { url } = await serve(() => {}, { timeoutMillis: 150 });
  assert.deepEqual(await call(url, preSignUpEvent()),
    { status: 500, body: { errorType: 'Sandbox.Timedout', errorMessage: 'Task timed out after 0.15 seconds' } });
});

test('a handler that returns nothing answers null, as Lambda does (Cognito: unrecognizable output)', async () => {
  const { url } = await serve(async () => undefined);
  assert.deepEqual(await call(url, preSignUpEvent()), { status: 200, body: null });
});

test('a bad, stale, foreign or missing signature is refused with 401 and the handler never runs', async () => {
  const { url, seen } = await serve(async (event) => event);
  const now = Math.floor(Date.now() / 1000);
  const refused = async (signing, message) => assert.deepEqual(await call(url, preSignUpEvent(), signing),
    { status: 401, body: { errorType: 'Unauthorized', errorMessage: message } });

  await refused({ timestamp: now - 301 }, 'webhook-timestamp is too old');
  await refused({ timestamp: now + 301 }, 'webhook-timestamp is too far in the future');
  await refused({ key: Buffer.alloc(32, 9) }, 'no matching v1 signature in webhook-signature');
  await refused(null, 'webhook-id header missing');

  const body = JSON.stringify(preSignUpEvent());
  const tampered = await fetch(`${url}/trigger`, { method: 'POST', headers: signedHeaders(body), body: body.replace('alice', 'mallory') });
  assert.equal(tampered.status, 401);
  assert.equal(seen.length, 0);
});

test('a signed body that is not a JSON object is 400; other methods 405; /healthz 200; over 1 MiB 413', async () => {
  const { url, seen } = await serve(async (event) => event);
  assert.deepEqual(await call(url, '[1,2]'), { status: 400, body: { errorType: 'InvalidRequest', errorMessage: 'the body is not a JSON object' } });
  assert.deepEqual(await call(url, 'not json'), { status: 400, body: { errorType: 'InvalidRequest', errorMessage: 'the body is not a JSON object' } });
  assert.equal((await fetch(`${url}/trigger`)).status, 405);
  assert.deepEqual(await (await fetch(`${url}/healthz`)).json(), { status: 'UP' });
  const huge = JSON.stringify({ padding: 'x'.repeat(1024 * 1024) });
  const tooLarge = await fetch(`${url}/trigger`, { method: 'POST', headers: signedHeaders(huge), body: huge });
  assert.equal(tooLarge.status, 413);
  assert.equal(seen.length, 0);
});

test('a failure of the adapter itself costs one call (500 AdapterError), not the process', async () => {
  const brokenLog = { info() { throw new Error('log sink broken'); }, warn() {}, error() {} };
  const { url } = await serve(async (event) => event, { log: brokenLog });
  assert.deepEqual(await call(url, preSignUpEvent()),
    { status: 500, body: { errorType: 'AdapterError', errorMessage: 'the function adapter failed; see its log' } });
  assert.equal((await fetch(`${url}/healthz`)).status, 200);
});

test('without a secret there is no server', () => {
  assert.throws(() => createTriggerServer(async (event) => event, {}), /a webhook secret is required/);
});
