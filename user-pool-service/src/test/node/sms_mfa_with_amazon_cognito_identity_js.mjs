// amazon-cognito-identity-js, unchanged, through SMS MFA against user-pool-service (a pool with SMS MFA, OPTIONAL):
// an SRP sign-in answered through mfaRequired / sendMFACode(code) with the code the SMS gateway would receive, a wrong
// code refused, and a user with several methods answering selectMFAType with sendMFASelectionAnswer('SMS_MFA').
//
// Usage: node sms_mfa_with_amazon_cognito_identity_js.mjs ENDPOINT POOL_ID CLIENT_ID PASSWORD SMS_USER CHOOSING_USER CODES_URL
// CODES_URL answers GET ?to=<phone number> with the newest code sent there (the test's stand-in for the SMS gateway).
// Prints one line per check and exits non-zero on the first failure.
import pkg from 'amazon-cognito-identity-js';
import { check } from './checks.mjs';

const { CognitoUserPool, CognitoUser, AuthenticationDetails } = pkg;
const [endpoint, poolId, clientId, password, smsUser, choosingUser, codesUrl] = process.argv.slice(2);
const pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint });

async function smsCode(phone) {
  const response = await fetch(codesUrl + '?to=' + encodeURIComponent(phone));
  if (!response.ok) throw new Error('no code sent to ' + phone + ': ' + response.status);
  return (await response.text()).trim();
}

function signIn(user, username, handlers) {
  return new Promise((resolve, reject) => user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), {
    onSuccess: resolve,
    onFailure: reject,
    mfaRequired: (name, parameters) => (handlers.mfaRequired ? handlers.mfaRequired(name, parameters, resolve, reject)
      : reject(new Error('unexpected ' + name))),
    selectMFAType: (name, parameters) => (handlers.selectMFAType ? handlers.selectMFAType(name, parameters, resolve, reject)
      : reject(new Error('unexpected ' + name))),
    totpRequired: () => reject(new Error('unexpected SOFTWARE_TOKEN_MFA')),
    mfaSetup: () => reject(new Error('unexpected MFA_SETUP')),
  }));
}

// 1. SMS MFA preferred: mfaRequired with the masked destination, the gateway's code through sendMFACode.
let seen;
const first = new CognitoUser({ Username: smsUser, Pool: pool });
const signedIn = await signIn(first, smsUser, {
  mfaRequired: async (name, parameters, resolve, reject) => {
    seen = { name, parameters };
    first.sendMFACode(await smsCode('+15555550100'), { onSuccess: resolve, onFailure: reject });
  },
});
check('SMS_MFA: mfaRequired names SMS_MFA', seen.name === 'SMS_MFA');
check('SMS_MFA: CODE_DELIVERY_DESTINATION is masked as Cognito masks it', seen.parameters.CODE_DELIVERY_DESTINATION === '+*******0100');
check('SMS_MFA: CODE_DELIVERY_DELIVERY_MEDIUM is SMS', seen.parameters.CODE_DELIVERY_DELIVERY_MEDIUM === 'SMS');
check('SMS_MFA: sendMFACode with the texted code gives a valid session', signedIn.isValid());

// 2. A wrong code is refused with CodeMismatchException.
const second = new CognitoUser({ Username: smsUser, Pool: pool });
const refused = await signIn(second, smsUser, {
  mfaRequired: (name, parameters, resolve) => second.sendMFACode('000000', { onSuccess: () => resolve(null), onFailure: resolve }),
}).catch((error) => error);
check('SMS_MFA: a wrong code is CodeMismatchException', refused && refused.code === 'CodeMismatchException');

// 3. Several methods, none preferred: selectMFAType, then SMS_MFA chosen and answered.
let choices;
const third = new CognitoUser({ Username: choosingUser, Pool: pool });
const chosen = await signIn(third, choosingUser, {
  selectMFAType: (name, parameters, resolve, reject) => {
    choices = JSON.parse(parameters.MFAS_CAN_CHOOSE);
    third.sendMFASelectionAnswer('SMS_MFA', {
      mfaRequired: async () => third.sendMFACode(await smsCode('+15555550101'), { onSuccess: resolve, onFailure: reject }),
      onFailure: reject,
    });
  },
});
check('SELECT_MFA_TYPE: MFAS_CAN_CHOOSE lists SMS_MFA and EMAIL_OTP', JSON.stringify(choices) === '["SMS_MFA","EMAIL_OTP"]');
check('SELECT_MFA_TYPE: sendMFASelectionAnswer(\'SMS_MFA\') then sendMFACode gives a valid session', chosen.isValid());
console.log('all checks passed');
