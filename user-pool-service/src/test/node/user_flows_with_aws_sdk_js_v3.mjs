// The AWS SDK for JavaScript v3 (@aws-sdk/client-cognito-identity-provider), as a web or Node app calls the
// unauthenticated and signed-in user flows: SignUp, ConfirmSignUp, InitiateAuth, GetUser, UpdateUserAttributes,
// ChangePassword, ForgotPassword, GetTokensFromRefreshToken-style refresh, GlobalSignOut — and Cognito's errors.
//
// Usage: node user_flows_with_aws_sdk_js_v3.mjs ENDPOINT CLIENT_ID USERNAME
// The confirmation code is read from stdin (the Java test reads it from the outbox, as a mail would carry it).
import {
  CognitoIdentityProviderClient, SignUpCommand, ConfirmSignUpCommand, InitiateAuthCommand, GetUserCommand,
  UpdateUserAttributesCommand, ChangePasswordCommand, GlobalSignOutCommand, ResendConfirmationCodeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createInterface } from 'node:readline';
import { check, errorName } from './checks.mjs';

const [endpoint, clientId, username] = process.argv.slice(2);
// No credentials: these actions are unsigned, as in a browser.
const idp = new CognitoIdentityProviderClient({
  endpoint, region: 'us-east-1', credentials: { accessKeyId: 'unused', secretAccessKey: 'unused' },
  signer: { sign: async (request) => request },
});
const lines = createInterface({ input: process.stdin });
const nextLine = () => new Promise((resolve) => lines.once('line', resolve));

const password = 'Js-Sdk-v3-Passw0rd!';
const signedUp = await idp.send(new SignUpCommand({ ClientId: clientId, Username: username, Password: password,
  UserAttributes: [{ Name: 'email', Value: username + '@example.com' }] }));
check('SignUp answers UserConfirmed false and a masked email destination',
  signedUp.UserConfirmed === false && signedUp.CodeDeliveryDetails.DeliveryMedium === 'EMAIL' && signedUp.UserSub.length === 36);
check('SignUp twice is UsernameExistsException', await errorName(idp.send(new SignUpCommand({ ClientId: clientId, Username: username,
  Password: password }))) === 'UsernameExistsException');
check('InitiateAuth before confirmation is UserNotConfirmedException', await errorName(idp.send(new InitiateAuthCommand({
  ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: password } }))) === 'UserNotConfirmedException');
console.log('need code');
const code = await nextLine();
check('a wrong code is CodeMismatchException', await errorName(idp.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: username,
  ConfirmationCode: code === '000000' ? '111111' : '000000' }))) === 'CodeMismatchException');
await idp.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: username, ConfirmationCode: code }));
check('ResendConfirmationCode after confirmation is InvalidParameterException', await errorName(idp.send(
  new ResendConfirmationCodeCommand({ ClientId: clientId, Username: username }))) === 'InvalidParameterException');

const signIn = (secret) => idp.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH',
  AuthParameters: { USERNAME: username, PASSWORD: secret } }));
const tokens = (await signIn(password)).AuthenticationResult;
check('InitiateAuth USER_PASSWORD_AUTH gives three tokens', tokens.AccessToken && tokens.IdToken && tokens.RefreshToken && tokens.TokenType === 'Bearer');
check('a wrong password is NotAuthorizedException', await errorName(signIn(password + 'x')) === 'NotAuthorizedException');

const user = await idp.send(new GetUserCommand({ AccessToken: tokens.AccessToken }));
check('GetUser names the user and its verified email', user.Username === username
  && user.UserAttributes.some((a) => a.Name === 'email_verified' && a.Value === 'true'));
await idp.send(new UpdateUserAttributesCommand({ AccessToken: tokens.AccessToken, UserAttributes: [{ Name: 'name', Value: 'JS' }] }));
check('UpdateUserAttributes', (await idp.send(new GetUserCommand({ AccessToken: tokens.AccessToken })))
  .UserAttributes.some((a) => a.Name === 'name' && a.Value === 'JS'));

await idp.send(new ChangePasswordCommand({ AccessToken: tokens.AccessToken, PreviousPassword: password, ProposedPassword: password + '2' }));
check('ChangePassword: the new password signs in', (await signIn(password + '2')).AuthenticationResult.AccessToken.length > 0);

const refreshed = (await idp.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'REFRESH_TOKEN_AUTH',
  AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken } }))).AuthenticationResult;
check('REFRESH_TOKEN_AUTH gives a new access token', refreshed.AccessToken && refreshed.AccessToken !== tokens.AccessToken);

await idp.send(new GlobalSignOutCommand({ AccessToken: refreshed.AccessToken }));
check('after GlobalSignOut the access token is refused', await errorName(idp.send(new GetUserCommand({ AccessToken: refreshed.AccessToken })))
  === 'NotAuthorizedException');
console.log('all checks passed');
lines.close();
