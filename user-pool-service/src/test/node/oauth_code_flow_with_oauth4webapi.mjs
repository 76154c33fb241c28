// A real OpenID Connect client (oauth4webapi, panva) redeems an authorization code at user-pool-service's
// /oauth2/token with PKCE, as a single-page app would after the hosted login redirected back, then calls userInfo,
// refreshes, revokes, and sees the revoked refresh token refused. Run by oauth/OauthOidcClientTest, which writes the
// code into Redis the way hosted-ui-service does and passes it here.
//
// usage: node oauth_code_flow_with_oauth4webapi.mjs <service base URL> <issuer> <client id> <code> <redirect uri> <code verifier> <nonce>
import * as oauth from 'oauth4webapi';

const [base, issuer, clientId, code, redirectUri, verifier, nonce] = process.argv.slice(2);
const insecure = { [oauth.allowInsecureRequests]: true }; // the test server speaks plain HTTP on loopback

function check(condition, message) {
    if (!condition) {
        throw new Error('check failed: ' + message);
    }
    console.log('ok: ' + message);
}

// Discovery is fetched from the test server; its endpoints name the configured public base URL (port 8081), so they
// are pointed at the test server's port. Everything else is the library's own validation.
const poolId = new URL(issuer).pathname.slice(1);
const as = await oauth.processDiscoveryResponse(new URL(issuer), await fetch(`${base}/${poolId}/.well-known/openid-configuration`));
for (const endpoint of ['token_endpoint', 'userinfo_endpoint', 'revocation_endpoint', 'jwks_uri']) {
    const url = new URL(as[endpoint]);
    as[endpoint] = base + url.pathname;
}
check(as.code_challenge_methods_supported.includes('S256'), 'discovery offers PKCE S256');
check(as.authorization_response_iss_parameter_supported === true, 'discovery announces iss in authorization responses');

const client = { client_id: clientId };
const clientAuth = oauth.None();

// the redirect back from the hosted login: ?code=...&iss=... (RFC 9207, checked by the library)
const callback = new URL(redirectUri);
callback.searchParams.set('code', code);
callback.searchParams.set('iss', issuer);
const parameters = oauth.validateAuthResponse(as, client, callback, oauth.skipStateCheck);

const tokens = await oauth.processAuthorizationCodeResponse(as, client,
    await oauth.authorizationCodeGrantRequest(as, client, clientAuth, parameters, redirectUri, verifier, insecure),
    { expectedNonce: nonce, requireIdToken: true });
const claims = oauth.getValidatedIdTokenClaims(tokens);
check(tokens.token_type.toLowerCase() === 'bearer' && tokens.access_token && tokens.refresh_token, 'code redeemed for access, ID and refresh tokens');
check(claims.iss === issuer && claims.aud === clientId && claims.nonce === nonce, 'ID token: issuer, audience and nonce validated');

const userInfo = await oauth.processUserInfoResponse(as, client, claims.sub,
    await oauth.userInfoRequest(as, client, tokens.access_token, insecure));
check(userInfo.sub === claims.sub && userInfo.email === 'alice@example.com', 'userInfo answers the same subject and its email');

const refreshed = await oauth.processRefreshTokenResponse(as, client,
    await oauth.refreshTokenGrantRequest(as, client, clientAuth, tokens.refresh_token, insecure));
check(refreshed.access_token && refreshed.access_token !== tokens.access_token, 'refresh token grant answers a new access token');

await oauth.processRevocationResponse(await oauth.revocationRequest(as, client, clientAuth, tokens.refresh_token, insecure));
check(true, 'refresh token revoked');

try {
    await oauth.processRefreshTokenResponse(as, client,
        await oauth.refreshTokenGrantRequest(as, client, clientAuth, tokens.refresh_token, insecure));
    check(false, 'a revoked refresh token is refused');
} catch (error) {
    check(error instanceof oauth.ResponseBodyError && error.error === 'invalid_grant', 'a revoked refresh token is refused with invalid_grant');
}
console.log('all checks passed');
