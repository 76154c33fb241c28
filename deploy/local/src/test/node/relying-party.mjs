// A standard OpenID Connect relying party, openid-client unchanged, against a Cognate pool's issuer.
//   node relying-party.mjs begin  <issuer> <clientId> <redirectUri> <stateFile>   → prints the authorization URL
//   node relying-party.mjs finish <stateFile> <callbackUrl> <postLogoutRedirectUri> → prints a JSON summary
// "begin" does discovery and makes PKCE (S256), state and nonce; "finish" redeems the code (openid-client checks
// state, iss (RFC 9207), the ID token's signature against the JWKS, iss, aud, exp and nonce), calls userInfo,
// refreshes, revokes the refresh token and builds the RP-initiated logout URL; the summary carries the ID token too (for
// identity pools). The issuer is http on a laptop stack,
// hence allowInsecureRequests; nothing else is relaxed.
import * as client from 'openid-client';
import { readFileSync, writeFileSync } from 'node:fs';

const [command, ...args] = process.argv.slice(2);

async function discover(issuer, clientId) {
  return client.discovery(new URL(issuer), clientId, undefined, client.None(), { execute: [client.allowInsecureRequests] });
}

async function begin(issuer, clientId, redirectUri, stateFile) {
  const config = await discover(issuer, clientId);
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid email profile',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  writeFileSync(stateFile, JSON.stringify({ issuer, clientId, redirectUri, verifier, state, nonce }));
  console.log(url.href);
}

async function finish(stateFile, callbackUrl, postLogoutRedirectUri) {
  const saved = JSON.parse(readFileSync(stateFile, 'utf8'));
  const config = await discover(saved.issuer, saved.clientId);
  const tokens = await client.authorizationCodeGrant(config, new URL(callbackUrl), {
    pkceCodeVerifier: saved.verifier,
    expectedState: saved.state,
    expectedNonce: saved.nonce,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  const userInfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
  const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token);
  await client.tokenRevocation(config, tokens.refresh_token, { token_type_hint: 'refresh_token' });
  let refreshAfterRevocation;
  try {
    await client.refreshTokenGrant(config, tokens.refresh_token);
    refreshAfterRevocation = 'accepted';
  } catch (error) {
    refreshAfterRevocation = error.error ?? error.code ?? String(error);
  }
  const logoutUrl = client.buildEndSessionUrl(config, {
    id_token_hint: tokens.id_token,
    post_logout_redirect_uri: postLogoutRedirectUri,
    state: 'bye',
  });
  console.log(JSON.stringify({
    idTokenClaims: claims,
    idToken: tokens.id_token,
    scope: tokens.scope ?? null,
    tokenType: tokens.token_type,
    expiresIn: tokens.expiresIn(),
    userInfo,
    refreshedAccessToken: typeof refreshed.access_token === 'string',
    refreshedIdTokenSub: refreshed.claims()?.sub ?? null,
    refreshAfterRevocation,
    logoutUrl: logoutUrl.href,
  }));
}

try {
  if (command === 'begin') {
    await begin(...args);
  } else if (command === 'finish') {
    await finish(...args);
  } else {
    throw new Error('usage: begin <issuer> <clientId> <redirectUri> <stateFile> | finish <stateFile> <callbackUrl> <postLogoutRedirectUri>');
  }
} catch (error) {
  console.error(`${error.name}: ${error.code ?? ''} ${error.error ?? ''} ${error.message}`);
  process.exit(1);
}
