// amazon-cognito-identity-js, unchanged, through the CUSTOM_AUTH flow against user-pool-service (a pool whose challenge
// triggers ask "What is answer N?" and accept "answer-N", compat/CustomAuthTest's function):
// 1. initiateAuth (CUSTOM_AUTH without a password): customChallenge, a wrong answer gives another challenge, the right one a session;
// 2. authenticateUser with CUSTOM_AUTH and a password: the library sends CHALLENGE_NAME SRP_A, answers PASSWORD_VERIFIER
//    by itself, then customChallenge.
//
// Usage: node custom_auth_with_amazon_cognito_identity_js.mjs ENDPOINT POOL_ID CLIENT_ID USERNAME PASSWORD
// Prints one line per check and exits non-zero on the first failure.
import pkg from 'amazon-cognito-identity-js';
import { check } from './checks.mjs';

const { CognitoUserPool, CognitoUser, AuthenticationDetails } = pkg;
const [endpoint, poolId, clientId, username, password] = process.argv.slice(2);
const pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint });

/** The answer the function accepts for the question it asked. */
function rightAnswer(parameters) {
  return 'answer-' + /answer (\d+)\?/.exec(parameters.question)[1];
}

// 1. Passwordless: a wrong answer first, then the right one.
const first = new CognitoUser({ Username: username, Pool: pool });
first.setAuthenticationFlowType('CUSTOM_AUTH');
const questions = [];
const session = await new Promise((resolve, reject) => {
  const callbacks = {
    onSuccess: resolve,
    onFailure: reject,
    customChallenge: (parameters) => {
      questions.push(parameters);
      first.sendCustomChallengeAnswer(questions.length === 1 ? 'wrong' : rightAnswer(parameters), callbacks, { device: 'node' });
    },
  };
  first.initiateAuth(new AuthenticationDetails({ Username: username, ClientMetadata: { app: 'node' } }), callbacks);
});
check('customChallenge shows the public parameters (and USERNAME), never the answer', questions[0].question === 'What is answer 1?'
  && questions[0].USERNAME === username && !('answer' in questions[0]));
check('a wrong answer: another customChallenge, the next round', questions.length === 2 && questions[1].question === 'What is answer 2?');
check('the right answer: a valid session for the user', session.isValid() && session.getIdToken().payload['cognito:username'] === username);

// 2. SRP inside the custom flow: the library answers PASSWORD_VERIFIER itself, then the custom challenge.
const second = new CognitoUser({ Username: username, Pool: pool });
second.setAuthenticationFlowType('CUSTOM_AUTH');
let asked = 0;
const withPassword = await new Promise((resolve, reject) => {
  const callbacks = {
    onSuccess: resolve,
    onFailure: reject,
    customChallenge: (parameters) => {
      asked += 1;
      second.sendCustomChallengeAnswer(rightAnswer(parameters), callbacks);
    },
  };
  second.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), callbacks);
});
check('SRP_A, PASSWORD_VERIFIER, then one custom challenge: a valid session', asked === 1 && withPassword.isValid());

// 3. A wrong password inside the custom flow: DefineAuthChallenge fails the authentication.
const third = new CognitoUser({ Username: username, Pool: pool });
third.setAuthenticationFlowType('CUSTOM_AUTH');
const failure = await new Promise((resolve, reject) => third.authenticateUser(new AuthenticationDetails({ Username: username, Password: 'Wrong-Horse-1' }), {
  onSuccess: resolve,
  onFailure: reject,
  customChallenge: () => reject(new Error('unexpected custom challenge after a wrong password')),
})).then(() => null, (e) => e);
check('a wrong password: NotAuthorizedException "Incorrect username or password."', failure && failure.code === 'NotAuthorizedException'
  && failure.message === 'Incorrect username or password.');
console.log('all checks passed');
