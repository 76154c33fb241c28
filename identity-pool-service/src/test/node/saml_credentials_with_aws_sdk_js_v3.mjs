// The AWS SDK for JavaScript v3 with a SAML login, as an app federating through a SAML IdP does: `fromCognitoIdentityPool`
// with Logins {<SAML provider ARN>: <base64 SAML Response>} calls GetId and then GetCredentialsForIdentity with the same
// assertion; the credentials must sign an STS GetCallerIdentity that names the role the assertion offered. The same
// assertion presented again (a replay) must be refused with NotAuthorizedException. Run by compat/SamlLoginsTest with one
// JSON argument: {endpoint, region, identityPoolId, provider, samlResponse, expectedArn}.
// Prints "all checks passed" and exits 0, or names the first failed check and exits 1.
import { fromCognitoIdentityPool } from "@aws-sdk/credential-providers";
import { CognitoIdentityClient } from "@aws-sdk/client-cognito-identity";
import { STSClient, GetCallerIdentityCommand } from "@aws-sdk/client-sts";

const given = JSON.parse(process.argv[2]);
const identityClient = new CognitoIdentityClient({ region: given.region, endpoint: given.endpoint, maxAttempts: 1 });
const logins = { [given.provider]: given.samlResponse };

function credentials() {
  return fromCognitoIdentityPool({
    client: identityClient,
    identityPoolId: given.identityPoolId,
    logins,
    // nothing cached: each call starts with GetId, as a fresh app does
    cache: { getItem: async () => null, setItem: async () => {}, removeItem: async () => {} },
  });
}

function check(condition, message) {
  if (!condition) {
    console.log(`FAILED: ${message}`);
    process.exit(1);
  }
  console.log(`ok: ${message}`);
}

const vended = await credentials()();
check(/^ASIA[A-Z2-7]{16}$/.test(vended.accessKeyId), `the SAML login gets an ASIA access key (${vended.accessKeyId})`);
check(vended.identityId?.startsWith(`${given.region}:`), `and the identity id (${vended.identityId})`);

const sts = new STSClient({ region: given.region, endpoint: `${given.endpoint}/sts`, credentials: vended, maxAttempts: 1 });
const arn = (await sts.send(new GetCallerIdentityCommand({}))).Arn;
check(arn === given.expectedArn, `STS GetCallerIdentity names the assertion's role (${arn})`);

try {
  await credentials()();
  check(false, "the same assertion again is refused");
} catch (e) {
  check(e.name === "NotAuthorizedException", `the same assertion again is refused: ${e.name}: ${e.message}`);
}

console.log("all checks passed");
