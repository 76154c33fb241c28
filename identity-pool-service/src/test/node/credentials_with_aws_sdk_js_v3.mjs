// The AWS SDK for JavaScript v3 gets credentials from Cognate as an app would: `fromCognitoIdentityPool`
// (@aws-sdk/credential-providers) as the credentials of an STSClient (@aws-sdk/client-sts), whose GetCallerIdentity,
// signed with them, must name the role the identity pool chose. As a guest and with a user pool login; a tampered
// login must be refused with NotAuthorizedException. Run by compat/AwsSdkJsV3CredentialsTest with one JSON argument:
// {endpoint, region, identityPoolId, provider, idToken, tamperedIdToken, authenticatedArn, guestArn}.
// Prints "all checks passed" and exits 0, or names the first failed check and exits 1.
import { fromCognitoIdentityPool } from "@aws-sdk/credential-providers";
import { CognitoIdentityClient } from "@aws-sdk/client-cognito-identity";
import { STSClient, GetCallerIdentityCommand } from "@aws-sdk/client-sts";

const given = JSON.parse(process.argv[2]);
const identityClient = new CognitoIdentityClient({ region: given.region, endpoint: given.endpoint, maxAttempts: 1 });

function credentials(logins) {
  return fromCognitoIdentityPool({
    client: identityClient,
    identityPoolId: given.identityPoolId,
    logins,
    // No identity id cached between the calls of this script: each one starts with GetId, as a fresh app does.
    cache: { getItem: async () => null, setItem: async () => {}, removeItem: async () => {} },
  });
}

async function callerArn(logins) {
  const sts = new STSClient({
    region: given.region,
    endpoint: `${given.endpoint}/sts`,
    credentials: credentials(logins),
    maxAttempts: 1,
  });
  return (await sts.send(new GetCallerIdentityCommand({}))).Arn;
}

function check(condition, message) {
  if (!condition) {
    console.log(`FAILED: ${message}`);
    process.exit(1);
  }
  console.log(`ok: ${message}`);
}

const logins = { [given.provider]: given.idToken };

const vended = await credentials(logins)();
check(/^ASIA[A-Z2-7]{16}$/.test(vended.accessKeyId), `a user pool login gets an ASIA access key (${vended.accessKeyId})`);
check(vended.secretAccessKey?.length === 40 && vended.sessionToken, "with a 40-character secret and a session token");
check(vended.identityId?.startsWith(`${given.region}:`), `and the identity id (${vended.identityId})`);
check(vended.expiration instanceof Date && vended.expiration > new Date(), `expiring in the future (${vended.expiration?.toISOString()})`);

const authenticated = await callerArn(logins);
check(authenticated === given.authenticatedArn, `STS GetCallerIdentity with them names the authenticated role (${authenticated})`);

const guest = await callerArn(undefined);
check(guest === given.guestArn, `a guest's credentials name the unauthenticated role (${guest})`);

try {
  await credentials({ [given.provider]: given.tamperedIdToken })();
  check(false, "a tampered login is refused");
} catch (e) {
  check(e.name === "NotAuthorizedException", `a tampered login is refused: ${e.name}: ${e.message}`);
}

console.log("all checks passed");
