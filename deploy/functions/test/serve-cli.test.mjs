// serve.mjs as a user runs it: a child process with the example handlers, WEBHOOK_SECRET from the environment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { SECRET, call, preSignUpEvent } from './fixtures.mjs';

const here = (relative) => fileURLToPath(new URL(relative, import.meta.url));
const SERVE = here('../serve.mjs');

/** Starts serve.mjs; resolves {url, child} once it printed its address. */
async function start(handlerFile, env = {}, args = []) {
  const child = spawn(process.execPath, [SERVE, handlerFile, '--port', '0', ...args],
    { env: { ...process.env, WEBHOOK_SECRET: SECRET, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    // Keeps reading after the first line, as a supervisor would: the adapter logs one line per call.
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const listening = output.match(/listening on (http:\/\/\S+)/);
      if (listening) resolve({ url: listening[1], child });
    });
    child.on('exit', () => reject(new Error(`serve.mjs exited before listening: ${output}`)));
  });
}

async function stop(child) {
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  child.kill('SIGTERM');
  const [code] = await once(child, 'exit');
  assert.equal(code, 0, stderr);
}

test('the PreSignUp example auto-confirms the company domain, leaves others alone and refuses .invalid', async () => {
  const { url, child } = await start(here('../examples/pre-sign-up-auto-confirm.mjs'), { AUTO_CONFIRM_DOMAINS: 'example.com, corp.example' });
  try {
    const confirmed = await call(url, preSignUpEvent());
    assert.equal(confirmed.status, 200);
    assert.deepEqual(confirmed.body.response, { autoConfirmUser: true, autoVerifyEmail: true, autoVerifyPhone: false });

    const other = await call(url, preSignUpEvent({ request: { userAttributes: { email: 'bob@elsewhere.test' }, validationData: null } }));
    assert.deepEqual(other.body.response, { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false });

    const refused = await call(url, preSignUpEvent({ request: { userAttributes: { email: 'eve@spam.invalid' }, validationData: null } }));
    assert.deepEqual(refused, { status: 500, body: { errorType: 'Error', errorMessage: 'sign-ups from spam.invalid are not accepted' } });
  } finally {
    await stop(child);
  }
});

test('the callback-style PreTokenGeneration example adds the tenant claim and suppresses phone_number', async () => {
  const { url, child } = await start(here('../examples/pre-token-generation-add-claim.mjs'));
  try {
    const event = preSignUpEvent({
      triggerSource: 'TokenGeneration_Authentication',
      request: { userAttributes: { sub: 'abc', email: 'alice@corp.example' }, groupConfiguration: { groupsToOverride: [] } },
      response: { claimsOverrideDetails: null },
    });
    const { status, body } = await call(url, event);
    assert.equal(status, 200);
    assert.deepEqual(body.response, { claimsOverrideDetails: { claimsToAddOrOverride: { tenant: 'corp.example' }, claimsToSuppress: ['phone_number'] } });
  } finally {
    await stop(child);
  }
});

test('a wrong or missing secret, a missing handler export or a bad option stops the start with a message', async () => {
  const exitOf = async (env, args) => {
    const child = spawn(process.execPath, [SERVE, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    const [code] = await once(child, 'exit');
    return { code, stderr };
  };
  const example = here('../examples/pre-sign-up-auto-confirm.mjs');
  const noSecret = await exitOf({ WEBHOOK_SECRET: '' }, [example, '--port', '0']);
  assert.equal(noSecret.code, 2);
  assert.match(noSecret.stderr, /WEBHOOK_SECRET: the webhook secret must start with "whsec_"/);
  const noExport = await exitOf({ WEBHOOK_SECRET: SECRET }, [example, '--port', '0', '--handler', 'main']);
  assert.equal(noExport.code, 1);
  assert.match(noExport.stderr, /has no exported function "main"/);
  const badPort = await exitOf({ WEBHOOK_SECRET: SECRET }, [example, '--port', 'eighty']);
  assert.equal(badPort.code, 2);
  assert.match(badPort.stderr, /--port eighty is not a port/);
});
