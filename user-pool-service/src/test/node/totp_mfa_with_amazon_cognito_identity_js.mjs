// amazon-cognito-identity-js, unchanged, through TOTP MFA against user-pool-service (a pool with MfaConfiguration ON):
// the MFA_SETUP challenge answered with associateSoftwareToken / verifySoftwareToken (Session), then a sign-in answered
// through totpRequired / sendMFACode(code, callbacks, 'SOFTWARE_TOKEN_MFA'), a wrong code refused, and a signed-in
// user's new authenticator (AccessToken) made preferred with setUserMfaPreference.
//
// Usage: node totp_mfa_with_amazon_cognito_identity_js.mjs ENDPOINT POOL_ID CLIENT_ID USERNAME PASSWORD
// Codes come from this script's own RFC 6238 (HMAC-SHA-1, 30 s, 6 digits) with node's crypto. Prints one line per
// check and exits non-zero on the first failure.
import crypto from 'node:crypto';
import pkg from 'amazon-cognito-identity-js';
import { check, totp } from './checks.mjs';

const { CognitoUserPool, CognitoUser, AuthenticationDetails } = pkg;
const [endpoint, poolId, clientId, username, password] = process.argv.slice(2);
const pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint });

check('this script\'s TOTP matches RFC 6238 (59 s → 94287082, last 6 digits)', (() => {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(1n);
  const hash = crypto.createHmac('sha1', Buffer.from('12345678901234567890')).update(counter).digest();
  const offset = hash[hash.length - 1] & 0xf;
  return (hash.readUInt32BE(offset) & 0x7fffffff) % 100000000 === 94287082;
})());

function signIn(user, handlers) {
  return new Promise((resolve, reject) => user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), {
    onSuccess: resolve,
    onFailure: reject,
    mfaSetup: () => (handlers.mfaSetup ? handlers.mfaSetup(resolve, reject) : reject(new Error('unexpected MFA_SETUP'))),
    totpRequired: () => (handlers.totpRequired ? handlers.totpRequired(resolve, reject) : reject(new Error('unexpected SOFTWARE_TOKEN_MFA'))),
  }));
}

// 1. MFA is ON and the user has no factor: MFA_SETUP, answered as the library does it.
let setupSecret;
const first = new CognitoUser({ Username: username, Pool: pool });
const setUp = await signIn(first, {
  mfaSetup: (resolve, reject) => first.associateSoftwareToken({
    associateSecretCode: (secret) => {
      setupSecret = secret;
      first.verifySoftwareToken(totp(secret), 'node phone', { onSuccess: resolve, onFailure: reject });
    },
    onFailure: reject,
  }),
});
check('MFA_SETUP: associateSoftwareToken gives a base32 secret', /^[A-Z2-7]{32}$/.test(setupSecret));
check('MFA_SETUP: verifySoftwareToken with the Session, then RespondToAuthChallenge, gives a valid session', setUp.isValid());

// 2. The next sign-in asks for a code (totpRequired); the next step's code, since this step's was just used.
const second = new CognitoUser({ Username: username, Pool: pool });
const usedCode = totp(setupSecret, 1);
const withCode = await signIn(second, {
  totpRequired: (resolve, reject) => second.sendMFACode(usedCode, { onSuccess: resolve, onFailure: reject }, 'SOFTWARE_TOKEN_MFA'),
});
check('SOFTWARE_TOKEN_MFA: totpRequired, sendMFACode(code, callbacks, \'SOFTWARE_TOKEN_MFA\') gives a valid session', withCode.isValid());

// 3. A wrong code and a replayed one are refused.
for (const [label, code] of [['a wrong code', usedCode === '000000' ? '111111' : '000000'], ['a replayed code', usedCode]]) {
  const user = new CognitoUser({ Username: username, Pool: pool });
  const failure = await signIn(user, {
    totpRequired: (resolve, reject) => user.sendMFACode(code, { onSuccess: resolve, onFailure: reject }, 'SOFTWARE_TOKEN_MFA'),
  }).then(() => null, (e) => e);
  check(label + ' is refused (CodeMismatchException)', failure && failure.code === 'CodeMismatchException');
}

// 4. The signed-in user replaces its authenticator (AccessToken) and prefers software token MFA.
const newSecret = await new Promise((resolve, reject) => second.associateSoftwareToken({ associateSecretCode: resolve, onFailure: reject }));
check('associateSoftwareToken with the access token gives a new secret', /^[A-Z2-7]{32}$/.test(newSecret) && newSecret !== setupSecret);
const wrongVerify = await new Promise((resolve, reject) => second.verifySoftwareToken('000000' === totp(newSecret) ? '111111' : '000000',
  'tablet', { onSuccess: resolve, onFailure: reject })).then(() => null, (e) => e);
check('verifySoftwareToken with a wrong code: EnableSoftwareTokenMFAException', wrongVerify && wrongVerify.code === 'EnableSoftwareTokenMFAException');
const verified = await new Promise((resolve, reject) => second.verifySoftwareToken(totp(newSecret), 'tablet', { onSuccess: resolve, onFailure: reject }));
check('verifySoftwareToken with the access token: Status SUCCESS', verified.Status === 'SUCCESS');
const preference = await new Promise((resolve, reject) => second.setUserMfaPreference(null, { Enabled: true, PreferredMfa: true },
  (error, result) => (error ? reject(error) : resolve(result))));
check('setUserMfaPreference (software token preferred)', preference === 'SUCCESS');
const third = new CognitoUser({ Username: username, Pool: pool });
const withNewCode = await signIn(third, {
  totpRequired: (resolve, reject) => third.sendMFACode(totp(newSecret, 1), { onSuccess: resolve, onFailure: reject }, 'SOFTWARE_TOKEN_MFA'),
});
check('the new authenticator\'s code signs in', withNewCode.isValid());
console.log('all checks passed');
