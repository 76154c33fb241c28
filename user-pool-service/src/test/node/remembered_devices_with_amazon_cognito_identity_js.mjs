// amazon-cognito-identity-js, unchanged, with remembered devices against user-pool-service (a pool with MFA ON, TOTP, and
// DeviceConfiguration {ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true}): a sign-in answers
// SOFTWARE_TOKEN_MFA and gets NewDeviceMetadata, which the library confirms (ConfirmDevice, UserConfirmationNecessary);
// setDeviceStatusRemembered; the next sign-in passes DEVICE_SRP_AUTH → DEVICE_PASSWORD_VERIFIER instead of the code; the
// access token names the device (device_key), a refresh keeps it; getDevice and listDevices show it; forgetDevice, and the
// next sign-in asks for the code again.
//
// Usage: node remembered_devices_with_amazon_cognito_identity_js.mjs ENDPOINT POOL_ID CLIENT_ID USERNAME PASSWORD
// Prints one line per check and exits non-zero on the first failure.
import pkg from 'amazon-cognito-identity-js';
import { check, totp } from './checks.mjs';

const { CognitoUserPool, CognitoUser, AuthenticationDetails } = pkg;
const [endpoint, poolId, clientId, username, password] = process.argv.slice(2);
const pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint });

function claims(jwt) {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));
}

/** A sign-in; resolves [session, userConfirmationNecessary], or 'MFA asked' when `stopAtMfa` and the code is asked. */
function signIn(user, handlers) {
  return new Promise((resolve, reject) => user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), {
    onSuccess: (session, confirmationNecessary) => resolve([session, confirmationNecessary]),
    onFailure: reject,
    mfaSetup: () => (handlers.mfaSetup ? handlers.mfaSetup(resolve, reject) : reject(new Error('unexpected MFA_SETUP'))),
    totpRequired: () => (handlers.totpRequired ? handlers.totpRequired(resolve, reject) : reject(new Error('unexpected SOFTWARE_TOKEN_MFA'))),
  }));
}

const callbacks = (resolve, reject) => ({
  onSuccess: (session, confirmationNecessary) => resolve([session, confirmationNecessary]),
  onFailure: reject,
});

// 1. MFA_SETUP (MFA is ON and the user has no factor yet).
let secret;
const first = new CognitoUser({ Username: username, Pool: pool });
await signIn(first, {
  mfaSetup: (resolve, reject) => first.associateSoftwareToken({
    associateSecretCode: (s) => {
      secret = s;
      first.verifySoftwareToken(totp(s), 'node phone', { onSuccess: (session) => resolve([session]), onFailure: reject });
    },
    onFailure: reject,
  }),
});
check('TOTP set up during sign-in', /^[A-Z2-7]{32}$/.test(secret));

// 2. A sign-in with the code: NewDeviceMetadata, confirmed by the library (ConfirmDevice) with UserConfirmationNecessary.
const second = new CognitoUser({ Username: username, Pool: pool });
const [withCode, confirmationNecessary] = await signIn(second, {
  totpRequired: (resolve, reject) => second.sendMFACode(totp(secret, 1), callbacks(resolve, reject), 'SOFTWARE_TOKEN_MFA'),
});
check('SOFTWARE_TOKEN_MFA then ConfirmDevice: a valid session', withCode.isValid());
check('ConfirmDevice answers UserConfirmationNecessary true (DeviceOnlyRememberedOnUserPrompt)', confirmationNecessary === true);
const deviceKey = claims(withCode.getAccessToken().getJwtToken()).device_key;
check('the access token names the new device (device_key ' + deviceKey + ')', /^[a-z0-9-]+_[0-9a-f-]{36}$/.test(deviceKey)
  && second.deviceKey === deviceKey);

const notYet = await new Promise((resolve, reject) => second.getDevice({ onSuccess: resolve, onFailure: reject }));
const statusOf = (device) => device.DeviceAttributes.find((a) => a.Name === 'dev:device_remembered_status').Value;
check('getDevice: not remembered until the user says so', notYet.Device.DeviceKey === deviceKey && statusOf(notYet.Device) === 'not_remembered');

const remembered = await new Promise((resolve, reject) => second.setDeviceStatusRemembered({ onSuccess: resolve, onFailure: reject }));
check('setDeviceStatusRemembered', remembered === 'SUCCESS');
const device = await new Promise((resolve, reject) => second.getDevice({ onSuccess: resolve, onFailure: reject }));
check('getDevice: remembered, named, valid', statusOf(device.Device) === 'remembered'
  && device.Device.DeviceAttributes.some((a) => a.Name === 'device_status' && a.Value === 'valid')
  && device.Device.DeviceAttributes.some((a) => a.Name === 'device_name'));

// 3. The next sign-in (a new CognitoUser, the same storage) passes DEVICE_SRP_AUTH and is not asked for a code.
const third = new CognitoUser({ Username: username, Pool: pool });
const [byDevice] = await signIn(third, {});
check('DEVICE_SRP_AUTH → DEVICE_PASSWORD_VERIFIER: signed in without the code', byDevice.isValid());
check('its access token names the remembered device', claims(byDevice.getAccessToken().getJwtToken()).device_key === deviceKey);
const listed = await new Promise((resolve, reject) => third.listDevices(10, null, { onSuccess: resolve, onFailure: reject }));
check('listDevices: the one device', listed.Devices.length === 1 && listed.Devices[0].DeviceKey === deviceKey
  && listed.Devices[0].DeviceLastAuthenticatedDate !== undefined);

// 4. A refresh (the library sends DEVICE_KEY) keeps the device in the new access token.
const refreshed = await new Promise((resolve, reject) => third.refreshSession(byDevice.getRefreshToken(),
  (error, session) => (error ? reject(error) : resolve(session))));
check('refreshSession with DEVICE_KEY: the new access token keeps device_key',
  claims(refreshed.getAccessToken().getJwtToken()).device_key === deviceKey);

// 5. forgetDevice; the next sign-in asks for the code again.
const forgotten = await new Promise((resolve, reject) => third.forgetDevice({ onSuccess: resolve, onFailure: reject }));
check('forgetDevice', forgotten === 'SUCCESS');
const fourth = new CognitoUser({ Username: username, Pool: pool });
const asked = await signIn(fourth, { totpRequired: (resolve) => resolve('MFA asked') });
check('after forgetDevice the sign-in asks for the TOTP code again', asked === 'MFA asked');
console.log('all checks passed');
