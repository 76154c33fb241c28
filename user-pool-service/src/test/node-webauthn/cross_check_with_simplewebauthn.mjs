// Checks the Java tests' software authenticator with an independent WebAuthn server library: the registration and the
// assertion it made against Cognate (given on stdin as JSON) must verify with @simplewebauthn/server too.
import { verifyAuthenticationResponse, verifyRegistrationResponse } from '@simplewebauthn/server';

const input = JSON.parse(await new Promise((resolve) => {
  let text = '';
  process.stdin.on('data', (chunk) => { text += chunk; });
  process.stdin.on('end', () => resolve(text));
}));

const registration = await verifyRegistrationResponse({
  response: input.registration,
  expectedChallenge: input.creationOptions.challenge,
  expectedOrigin: input.origin,
  expectedRPID: input.creationOptions.rp.id,
  requireUserVerification: true,
});
if (!registration.verified) {
  throw new Error('registration not verified');
}
const credential = registration.registrationInfo.credential;
if (credential.id !== input.registration.id) {
  throw new Error(`credential id ${credential.id} != ${input.registration.id}`);
}

const authentication = await verifyAuthenticationResponse({
  response: input.assertion,
  expectedChallenge: input.requestOptions.challenge,
  expectedOrigin: input.origin,
  expectedRPID: input.requestOptions.rpId,
  credential: { id: credential.id, publicKey: credential.publicKey, counter: credential.counter },
  requireUserVerification: true,
});
if (!authentication.verified) {
  throw new Error('assertion not verified');
}
console.log(`new counter ${authentication.authenticationInfo.newCounter}`);
console.log('all checks passed');
