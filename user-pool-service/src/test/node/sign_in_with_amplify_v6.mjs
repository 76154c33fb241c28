// Amplify JS v6 (aws-amplify, its Auth category), unchanged, against user-pool-service: Amplify.configure with the pool's
// userPoolEndpoint, then
//   1. signIn (SRP, Amplify's default) of a user of a pool with MFA ON and TOTP only → CONTINUE_SIGN_IN_WITH_TOTP_SETUP
//      (Amplify called AssociateSoftwareToken with the session) → confirmSignIn with this script's TOTP code → DONE;
//   2. signOut, signIn again → CONFIRM_SIGN_IN_WITH_TOTP_CODE → a wrong code refused (CodeMismatchException) → … a right
//      one → DONE;
//   3. signIn({options: {authFlowType: 'USER_AUTH', preferredChallenge: 'EMAIL_OTP'}}) of a passwordless user of another
//      pool → CONFIRM_SIGN_IN_WITH_EMAIL_CODE → confirmSignIn with the mailed code → DONE, tokens for that user.
//
// Usage: node sign_in_with_amplify_v6.mjs ENDPOINT TOTP_POOL TOTP_CLIENT TOTP_USER PASSWORD OTP_POOL OTP_CLIENT OTP_USER CODES_URL
// CODES_URL answers GET ?to=<address> with the newest code sent there (the test's stand-in for the mail server).
// Prints one line per check and exits non-zero on the first failure.
import { Amplify } from 'aws-amplify';
import { confirmSignIn, fetchAuthSession, getCurrentUser, signIn, signOut } from 'aws-amplify/auth';
import { check, totp } from './checks.mjs';

const [endpoint, totpPool, totpClient, totpUser, password, otpPool, otpClient, otpUser, codesUrl] = process.argv.slice(2);

function configure(userPoolId, userPoolClientId) {
  Amplify.configure({ Auth: { Cognito: { userPoolId, userPoolClientId, userPoolEndpoint: endpoint } } });
}

async function mailedCode(address) {
  const response = await fetch(codesUrl + '?to=' + encodeURIComponent(address));
  if (!response.ok) throw new Error('no code sent to ' + address + ': ' + response.status);
  return (await response.text()).trim();
}

async function idTokenUsername() {
  const session = await fetchAuthSession();
  return session.tokens?.idToken?.payload['cognito:username'];
}

// 1. TOTP set up during sign-in
configure(totpPool, totpClient);
const setup = await signIn({ username: totpUser, password });
check('signIn: CONTINUE_SIGN_IN_WITH_TOTP_SETUP (got ' + setup.nextStep.signInStep + ')',
  setup.nextStep.signInStep === 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP');
const secret = setup.nextStep.totpSetupDetails.sharedSecret;
check('totpSetupDetails: a base32 shared secret', /^[A-Z2-7]{32}$/.test(secret));
check('totpSetupDetails.getSetupUri: an otpauth URI', setup.nextStep.totpSetupDetails.getSetupUri('Cognate').href.startsWith('otpauth://totp/'));
const setUp = await confirmSignIn({ challengeResponse: totp(secret) });
check('confirmSignIn with the TOTP code: DONE (got ' + setUp.nextStep.signInStep + ')', setUp.isSignedIn && setUp.nextStep.signInStep === 'DONE');
check('signed in as the user', (await getCurrentUser()).username === totpUser && await idTokenUsername() === totpUser);
await signOut();

// 2. the next sign-in asks for a code; the next step's code, since this step's was just used
const asked = await signIn({ username: totpUser, password });
check('signIn: CONFIRM_SIGN_IN_WITH_TOTP_CODE (got ' + asked.nextStep.signInStep + ')', asked.nextStep.signInStep === 'CONFIRM_SIGN_IN_WITH_TOTP_CODE');
const wrong = totp(secret, 1) === '000000' ? '111111' : '000000';
const refused = await confirmSignIn({ challengeResponse: wrong }).catch((error) => error);
check('confirmSignIn with a wrong code: CodeMismatchException (got ' + refused?.name + ')', refused?.name === 'CodeMismatchException');
// a wrong code ends the session (Cognito's rule): sign in again
const again = await signIn({ username: totpUser, password }).catch(async (error) => {
  if (error?.name !== 'UserAlreadyAuthenticatedException') throw error;
  await signOut();
  return signIn({ username: totpUser, password });
});
check('signIn again: CONFIRM_SIGN_IN_WITH_TOTP_CODE', again.nextStep.signInStep === 'CONFIRM_SIGN_IN_WITH_TOTP_CODE');
const withCode = await confirmSignIn({ challengeResponse: totp(secret, 1) });
check('confirmSignIn with the TOTP code: DONE', withCode.isSignedIn && await idTokenUsername() === totpUser);
await signOut();

// 3. passwordless: USER_AUTH with EMAIL_OTP preferred
configure(otpPool, otpClient);
const otp = await signIn({ username: otpUser, options: { authFlowType: 'USER_AUTH', preferredChallenge: 'EMAIL_OTP' } });
check('signIn USER_AUTH/EMAIL_OTP: CONFIRM_SIGN_IN_WITH_EMAIL_CODE (got ' + otp.nextStep.signInStep + ')',
  otp.nextStep.signInStep === 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE');
check('codeDeliveryDetails: EMAIL to the masked address', otp.nextStep.codeDeliveryDetails?.deliveryMedium === 'EMAIL'
  && /^.\*\*\*@.\*\*\*$/.test(otp.nextStep.codeDeliveryDetails?.destination ?? ''));
const code = await mailedCode(otpUser + '@example.com');
check('the mailed code has 8 digits', /^[0-9]{8}$/.test(code));
const passwordless = await confirmSignIn({ challengeResponse: code });
check('confirmSignIn with the mailed code: DONE (got ' + passwordless.nextStep.signInStep + ')', passwordless.isSignedIn);
check('tokens for the passwordless user', await idTokenUsername() === otpUser);
await signOut();
console.log('all checks passed');
