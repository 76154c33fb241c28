// amazon-cognito-identity-js (the library Amplify v5 and countless apps use) against user-pool-service:
// SRP sign-in, the new-password challenge, session refresh, GetUser, changePassword and global sign-out.
//
// Usage: node sign_in_with_amazon_cognito_identity_js.mjs ENDPOINT POOL_ID CLIENT_ID USERNAME PASSWORD NEW_USER TEMP_PASSWORD
// Prints one line per check and exits non-zero on the first failure.
import pkg from 'amazon-cognito-identity-js';
import { check } from './checks.mjs';

const { CognitoUserPool, CognitoUser, AuthenticationDetails } = pkg;
const [endpoint, poolId, clientId, username, password, newUser, temporaryPassword] = process.argv.slice(2);
const pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint });

function signIn(user, details, onNewPassword) {
  return new Promise((resolve, reject) => user.authenticateUser(details, {
    onSuccess: resolve,
    onFailure: reject,
    newPasswordRequired: (attributes) => onNewPassword ? onNewPassword(attributes, resolve, reject) : reject(new Error('unexpected new password challenge')),
  }));
}

function promise(call) {
  return new Promise((resolve, reject) => call((error, result) => (error ? reject(error) : resolve(result))));
}

const user = new CognitoUser({ Username: username, Pool: pool });
const session = await signIn(user, new AuthenticationDetails({ Username: username, Password: password }));
check('SRP sign-in (USER_SRP_AUTH, PASSWORD_VERIFIER) gives a valid session', session.isValid());
const idPayload = session.getIdToken().decodePayload();
check('the ID token names the user and the pool', idPayload['cognito:username'] === username && idPayload.iss.endsWith('/' + poolId));
check('the access token is for the API', session.getAccessToken().decodePayload().scope === 'aws.cognito.signin.user.admin');

const refreshed = await promise((done) => user.refreshSession(session.getRefreshToken(), done));
check('refreshSession (REFRESH_TOKEN_AUTH) gives new tokens', refreshed.isValid()
  && refreshed.getAccessToken().getJwtToken() !== session.getAccessToken().getJwtToken());

const attributes = await promise((done) => user.getUserAttributes(done));
check('getUserAttributes (GetUser with the access token)', attributes.some((a) => a.getName() === 'sub'));

await promise((done) => user.changePassword(password, password + '-Changed1', done));
const again = new CognitoUser({ Username: username, Pool: pool });
check('changePassword: SRP sign-in with the new password', (await signIn(again, new AuthenticationDetails({ Username: username,
  Password: password + '-Changed1' }))).isValid());

const wrong = new CognitoUser({ Username: username, Pool: pool });
const failure = await signIn(wrong, new AuthenticationDetails({ Username: username, Password: password })).then(() => null, (e) => e);
check('the old password is refused (NotAuthorizedException)', failure && failure.code === 'NotAuthorizedException');

const invited = new CognitoUser({ Username: newUser, Pool: pool });
const afterChallenge = await signIn(invited, new AuthenticationDetails({ Username: newUser, Password: temporaryPassword }),
  (_attributes, resolve, reject) => invited.completeNewPasswordChallenge(temporaryPassword + '-New1', {}, { onSuccess: resolve, onFailure: reject }));
check('NEW_PASSWORD_REQUIRED answered with completeNewPasswordChallenge', afterChallenge.isValid());

const current = user.getSignInUserSession();
await promise((done) => user.globalSignOut({ onSuccess: () => done(null), onFailure: done }));
user.setSignInUserSession(current); // the library forgets the session; present its tokens again to the server
const afterSignOut = await promise((done) => user.getUserAttributes(done)).then(() => null, (e) => e);
check('after globalSignOut the access token is refused', afterSignOut && afterSignOut.code === 'NotAuthorizedException');
console.log('all checks passed');
