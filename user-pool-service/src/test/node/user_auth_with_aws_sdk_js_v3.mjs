// Choice-based sign-in (AuthFlow USER_AUTH) with the AWS SDK for JavaScript v3, as an app that lets its users choose:
// InitiateAuth with PREFERRED_CHALLENGE PASSWORD, InitiateAuth without a preference → SELECT_CHALLENGE with
// AvailableChallenges answered PASSWORD, GetUserAuthFactors, a replayed session and an ANSWER not offered refused.
//
// Usage: node user_auth_with_aws_sdk_js_v3.mjs ENDPOINT CLIENT_ID USERNAME PASSWORD
// (the Java test, compat/UserAuthJsV3Test, creates the pool, the client and the confirmed user first)
import {
  CognitoIdentityProviderClient, InitiateAuthCommand, RespondToAuthChallengeCommand, GetUserAuthFactorsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { check, errorName } from './checks.mjs';

const [endpoint, clientId, username, password] = process.argv.slice(2);
// No credentials: these actions are unsigned, as in a browser.
const idp = new CognitoIdentityProviderClient({
  endpoint, region: 'us-east-1', credentials: { accessKeyId: 'unused', secretAccessKey: 'unused' },
  signer: { sign: async (request) => request },
});

const preferred = await idp.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_AUTH',
  AuthParameters: { USERNAME: username, PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: password } }));
check('USER_AUTH with PREFERRED_CHALLENGE PASSWORD signs in at once',
  preferred.ChallengeName === undefined && preferred.AuthenticationResult.AccessToken && preferred.AuthenticationResult.RefreshToken);

const choice = await idp.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_AUTH',
  AuthParameters: { USERNAME: username } }));
check('USER_AUTH without a preference answers SELECT_CHALLENGE with AvailableChallenges',
  choice.ChallengeName === 'SELECT_CHALLENGE' && JSON.stringify(choice.AvailableChallenges) === '["PASSWORD","PASSWORD_SRP"]'
  && choice.Session);
check('an ANSWER not offered is InvalidParameterException', await errorName(idp.send(new RespondToAuthChallengeCommand({
  ClientId: clientId, ChallengeName: 'SELECT_CHALLENGE', Session: choice.Session,
  ChallengeResponses: { USERNAME: username, ANSWER: 'WEB_AUTHN' } }))) === 'InvalidParameterException');
const selected = await idp.send(new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'SELECT_CHALLENGE',
  Session: choice.Session, ChallengeResponses: { USERNAME: username, ANSWER: 'PASSWORD', PASSWORD: password } }));
check('SELECT_CHALLENGE answered PASSWORD gives tokens', selected.AuthenticationResult.IdToken && selected.AuthenticationResult.AccessToken);
check('the same session answered again is NotAuthorizedException', await errorName(idp.send(new RespondToAuthChallengeCommand({
  ClientId: clientId, ChallengeName: 'SELECT_CHALLENGE', Session: choice.Session,
  ChallengeResponses: { USERNAME: username, ANSWER: 'PASSWORD', PASSWORD: password } }))) === 'NotAuthorizedException');

const factors = await idp.send(new GetUserAuthFactorsCommand({ AccessToken: selected.AuthenticationResult.AccessToken }));
check('GetUserAuthFactors lists PASSWORD', factors.Username === username
  && JSON.stringify(factors.ConfiguredUserAuthFactors) === '["PASSWORD"]');
check('a wrong password through USER_AUTH is NotAuthorizedException', await errorName(idp.send(new InitiateAuthCommand({
  ClientId: clientId, AuthFlow: 'USER_AUTH',
  AuthParameters: { USERNAME: username, PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: password + 'x' } }))) === 'NotAuthorizedException');
console.log('all checks passed');
