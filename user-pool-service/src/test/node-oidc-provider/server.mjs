// The upstream OpenID Provider of the federation tests (federation/oidc): oidc-provider, a certified implementation,
// on 127.0.0.1:<port>, with its development login and consent pages (any login name, any password).
//
//   node server.mjs <port> <redirect_uri>
//
// Clients: "cognate-confidential" (secret "cognate-upstream-secret", client_secret_post, as Cognito authenticates) and
// "cognate-public" (no secret), both redirecting to <redirect_uri> ({hostedUiBaseUrl}/oauth2/idpresponse).
// Accounts: any login name; its claims are derived from it (sub = the login, email = <login>@example.com).
// Prints "ready <issuer>" once it listens; stops when stdin closes (the test process ended).
import { generateKeyPairSync } from 'node:crypto';
import Provider from 'oidc-provider';

const [port, redirectUri] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'cognate-confidential',
      client_secret: 'cognate-upstream-secret',
      token_endpoint_auth_method: 'client_secret_post',
      redirect_uris: [redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
    {
      client_id: 'cognate-public',
      token_endpoint_auth_method: 'none',
      redirect_uris: [redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  jwks: { keys: [{ ...rsa, kid: 'upstream-rsa-1', alg: 'RS256', use: 'sig' }] },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'given_name', 'family_name'],
  },
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        return {
          sub: id,
          email: `${id}@example.com`,
          email_verified: true,
          given_name: id.charAt(0).toUpperCase() + id.slice(1),
          family_name: 'Upstream',
          name: `${id.charAt(0).toUpperCase() + id.slice(1)} Upstream`,
        };
      },
    };
  },
  features: { devInteractions: { enabled: true } },
  pkce: { required: () => true },
});

provider.listen(Number(port), '127.0.0.1', () => {
  console.log(`ready ${issuer}`);
});

process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
