// A standard OpenID Connect relying party (openid-client, unchanged) against a pool served by two replicas of each
// service behind a TLS-terminating proxy. The issuer is https: nothing is relaxed; the test's CA comes in through
// NODE_EXTRA_CA_CERTS. The proxy names the replica that answered in X-Cognate-Replica, which every request here records.
//   node replicated-relying-party.mjs begin  <issuer> <clientId> <redirectUri> <stateFile>  → prints the authorization URL
//   node replicated-relying-party.mjs finish <stateFile> <callbackUrl> <apiEndpoint>         → prints a JSON summary
// "finish" redeems the code, refreshes until a replica other than the one that issued the tokens has refreshed them,
// signs the user out everywhere (Cognito GlobalSignOut, on the API host), then asks both replicas for the user (GetUser)
// and for new tokens (refresh) with the signed-out tokens until each replica has answered both.
import './loopback-localhost.mjs';
import * as client from 'openid-client';
import { readFileSync, writeFileSync } from 'node:fs';

const REPLICA = 'x-cognate-replica';
const ATTEMPTS = 8;
const exchanges = [];

async function recordingFetch(url, options) {
  const response = await fetch(url, options);
  exchanges.push({ url: String(url), method: options?.method ?? 'GET', status: response.status, replica: response.headers.get(REPLICA) });
  return response;
}

function lastReplica() {
  return exchanges[exchanges.length - 1].replica;
}

async function discover(issuer, clientId) {
  const config = await client.discovery(new URL(issuer), clientId, undefined, client.None(), { [client.customFetch]: recordingFetch });
  config[client.customFetch] = recordingFetch;
  return config;
}

async function begin(issuer, clientId, redirectUri, stateFile) {
  const config = await discover(issuer, clientId);
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid email profile aws.cognito.signin.user.admin',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  writeFileSync(stateFile, JSON.stringify({ issuer, clientId, redirectUri, verifier, state, nonce }));
  console.log(url.href);
}

/** Cognito's JSON API, as every AWS SDK calls it for the token-authorized actions (no SigV4). */
async function cognito(endpoint, action, body) {
  const response = await recordingFetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${action}` },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, replica: lastReplica(), type: text ? JSON.parse(text).__type ?? null : null };
}

async function refresh(config, refreshToken) {
  try {
    const tokens = await client.refreshTokenGrant(config, refreshToken);
    return { outcome: typeof tokens.access_token === 'string' ? 'tokens' : 'no access token', replica: lastReplica() };
  } catch (error) {
    return { outcome: error.error ?? error.code ?? String(error), replica: lastReplica() };
  }
}

async function finish(stateFile, callbackUrl, apiEndpoint) {
  const saved = JSON.parse(readFileSync(stateFile, 'utf8'));
  const config = await discover(saved.issuer, saved.clientId);
  const tokens = await client.authorizationCodeGrant(config, new URL(callbackUrl), {
    pkceCodeVerifier: saved.verifier,
    expectedState: saved.state,
    expectedNonce: saved.nonce,
    idTokenExpected: true,
  });
  const issuedBy = lastReplica();
  const claims = tokens.claims();
  const userInfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);

  const refreshes = [];
  for (let i = 0; i < ATTEMPTS && !refreshes.some((r) => r.replica !== issuedBy && r.outcome === 'tokens'); i++) {
    refreshes.push(await refresh(config, tokens.refresh_token));
  }

  const signOut = await cognito(apiEndpoint, 'GlobalSignOut', { AccessToken: tokens.access_token });
  const afterSignOut = { getUser: [], refresh: [] };
  const answeredBoth = (list) => new Set(list.map((r) => r.replica)).size >= 2;
  // One loop each: interleaved, the two kinds of request would fall into lockstep with the round-robin and each meet
  // only one replica.
  for (let i = 0; i < ATTEMPTS && !answeredBoth(afterSignOut.getUser); i++) {
    afterSignOut.getUser.push(await cognito(apiEndpoint, 'GetUser', { AccessToken: tokens.access_token }));
  }
  for (let i = 0; i < ATTEMPTS && !answeredBoth(afterSignOut.refresh); i++) {
    afterSignOut.refresh.push(await refresh(config, tokens.refresh_token));
  }

  console.log(JSON.stringify({
    idTokenClaims: claims,
    userInfo,
    issuedBy,
    refreshes,
    signOut,
    afterSignOut,
    exchanges,
  }));
}

try {
  if (command() === 'begin') {
    await begin(...process.argv.slice(3));
  } else if (command() === 'finish') {
    await finish(...process.argv.slice(3));
  } else {
    throw new Error('usage: begin <issuer> <clientId> <redirectUri> <stateFile> | finish <stateFile> <callbackUrl> <apiEndpoint>');
  }
} catch (error) {
  console.error(`${error.name}: ${error.code ?? ''} ${error.error ?? ''} ${error.message} ${JSON.stringify(exchanges)}`);
  process.exit(1);
}

function command() {
  return process.argv[2];
}
