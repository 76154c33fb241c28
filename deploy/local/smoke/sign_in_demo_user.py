#!/usr/bin/env python3
"""Proves a running local stack works for a newcomer: every service is ready and the demo user signs in through the API.

Usage: deploy/local/smoke/sign_in_demo_user.py [deploy/local/.state/stack.json]

Reads stack.json (written by `deploy/local/run up` once the stack is ready), checks /q/health/ready on every service,
signs the demo user in with boto3 (USER_PASSWORD_AUTH, as an app would), reads the user back with the access token, and
checks the pool's discovery document names the issuer. Then the user's ID token gets AWS-style credentials: an identity
pool trusting the demo pool is created, GetId and GetCredentialsForIdentity vend credentials for its authenticated role,
and STS GetCallerIdentity, signed with them, names that role; the identity pool is deleted again. Exits non-zero with a
message on the first failure. .ci/run runs it.
"""
import json
import sys
import urllib.request

import boto3
from botocore.config import Config


def fail(message):
    print(f"local stack smoke test: FAILED: {message}", file=sys.stderr)
    sys.exit(1)


def get_json(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        if response.status != 200:
            fail(f"{url} answered {response.status}")
        return json.load(response)


def main():
    stack_file = sys.argv[1] if len(sys.argv) > 1 else "deploy/local/.state/stack.json"
    try:
        with open(stack_file) as f:
            stack = json.load(f)
    except (OSError, ValueError) as e:
        fail(f"cannot read {stack_file}: {e}")

    for name, base in stack["endpoints"].items():
        try:
            health = get_json(f"{base}/q/health/ready")
        except OSError as e:
            fail(f"{name} at {base} is not ready: {e}")
        if health.get("status") != "UP":
            fail(f"{name} at {base} is not ready: {health}")

    demo = stack.get("demo") or fail("stack.json has no demo section: the demo pool was not seeded")
    credentials = stack["operatorCredentials"]
    idp = boto3.client(
        "cognito-idp",
        endpoint_url=stack["endpoints"]["userPool"],
        region_name=stack["region"],
        aws_access_key_id=credentials["accessKeyId"],
        aws_secret_access_key=credentials["secretAccessKey"],
        config=Config(retries={"max_attempts": 1}, connect_timeout=10, read_timeout=30),
    )
    tokens = idp.initiate_auth(
        ClientId=demo["clientId"],
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": demo["username"], "PASSWORD": demo["password"]},
    ).get("AuthenticationResult") or fail("InitiateAuth for the demo user answered a challenge, not tokens")
    user = idp.get_user(AccessToken=tokens["AccessToken"])
    if user["Username"] != demo["username"]:
        fail(f"GetUser answered {user['Username']!r}, expected {demo['username']!r}")

    discovery = get_json(f"{stack['endpoints']['userPool']}/{demo['userPoolId']}/.well-known/openid-configuration")
    if not discovery.get("issuer", "").endswith("/" + demo["userPoolId"]):
        fail(f"discovery names issuer {discovery.get('issuer')!r}")

    caller_arn = credentials_for(stack, demo, tokens["IdToken"])

    print(f"local stack smoke test: every service ready; demo user {demo['username']!r} signed in "
          f"(USER_PASSWORD_AUTH, GetUser) in pool {demo['userPoolId']}; its ID token got credentials from an identity "
          f"pool, and STS GetCallerIdentity signed with them answered {caller_arn}")


def credentials_for(stack, demo, id_token):
    """GetId, GetCredentialsForIdentity and STS GetCallerIdentity for the demo user, in a throwaway identity pool."""
    operator = stack["operatorCredentials"]
    endpoint = stack["endpoints"]["identityPool"]
    config = Config(retries={"max_attempts": 1}, connect_timeout=10, read_timeout=30)
    identity = boto3.client("cognito-identity", endpoint_url=endpoint, region_name=stack["region"],
                            aws_access_key_id=operator["accessKeyId"],
                            aws_secret_access_key=operator["secretAccessKey"], config=config)
    provider = stack["endpoints"]["userPool"].split("://", 1)[1] + "/" + demo["userPoolId"]
    role = "arn:aws:iam::000000000000:role/cognate-smoke-authenticated"
    pool_id = identity.create_identity_pool(
        IdentityPoolName="cognate_smoke", AllowUnauthenticatedIdentities=False,
        CognitoIdentityProviders=[{"ProviderName": provider, "ClientId": demo["clientId"]}])["IdentityPoolId"]
    try:
        identity.set_identity_pool_roles(IdentityPoolId=pool_id, Roles={"authenticated": role})
        logins = {provider: id_token}
        identity_id = identity.get_id(IdentityPoolId=pool_id, Logins=logins)["IdentityId"]
        vended = identity.get_credentials_for_identity(IdentityId=identity_id, Logins=logins)["Credentials"]
        if not vended["AccessKeyId"].startswith("ASIA"):
            fail(f"GetCredentialsForIdentity vended access key {vended['AccessKeyId']!r}, expected ASIA...")
        sts = boto3.client("sts", endpoint_url=endpoint + "/sts", region_name=stack["region"],
                           aws_access_key_id=vended["AccessKeyId"], aws_secret_access_key=vended["SecretKey"],
                           aws_session_token=vended["SessionToken"], config=config)
        arn = sts.get_caller_identity()["Arn"]
        expected = "arn:aws:sts::000000000000:assumed-role/cognate-smoke-authenticated/CognitoIdentityCredentials"
        if arn != expected:
            fail(f"GetCallerIdentity answered {arn!r}, expected {expected!r}")
        return arn
    finally:
        identity.delete_identity_pool(IdentityPoolId=pool_id)


if __name__ == "__main__":
    main()
