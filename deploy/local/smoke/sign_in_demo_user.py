#!/usr/bin/env python3
"""Proves a running local stack works for a newcomer: every service is ready and the demo user signs in through the API.

Usage: deploy/local/smoke/sign_in_demo_user.py [deploy/local/.state/stack.json]

Reads stack.json (written by `deploy/local/run up` once the stack is ready), checks /q/health/ready on every service,
signs the demo user in with boto3 (USER_PASSWORD_AUTH, as an app would), reads the user back with the access token, and
checks the pool's discovery document names the issuer. Then the user's ID token gets AWS-style credentials from the
seeded demo identity pool (demo.identityPoolId): GetId and GetCredentialsForIdentity, unsigned, vend credentials, and STS
GetCallerIdentity (endpoints.sts), signed with them, names the role the pool's rules mapping chose for the demo user's
email. Exits non-zero with a message on the first failure. .ci/run runs it.
"""
import json
import sys
import urllib.request

import boto3
from botocore import UNSIGNED
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
        if name == "sts":
            continue  # a path of identity-pool-service (checked as identityPool), not a service of its own
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
          f"(USER_PASSWORD_AUTH, GetUser) in pool {demo['userPoolId']}; its ID token got credentials from identity pool "
          f"{demo['identityPoolId']}, and STS GetCallerIdentity signed with them answered {caller_arn}")


def credentials_for(stack, demo, id_token):
    """GetId, GetCredentialsForIdentity and STS GetCallerIdentity for the demo user, in the seeded demo identity pool.

    The pool's Rules mapping gives a user whose email claim equals demo@example.com the role cognate-demo-user and
    anyone else cognate-demo-authenticated (deploy/local's DemoIdentityPoolSeeder): the demo user must get the first.
    GetId and GetCredentialsForIdentity are unsigned, as an app calls them.
    """
    pool_id = demo.get("identityPoolId") or fail("stack.json has no demo.identityPoolId: the demo identity pool was not seeded")
    config = Config(retries={"max_attempts": 1}, connect_timeout=10, read_timeout=30, signature_version=UNSIGNED)
    identity = boto3.client("cognito-identity", endpoint_url=stack["endpoints"]["identityPool"],
                            region_name=stack["region"], config=config)
    provider = stack["endpoints"]["userPool"].split("://", 1)[1] + "/" + demo["userPoolId"]
    logins = {provider: id_token}
    identity_id = identity.get_id(IdentityPoolId=pool_id, Logins=logins)["IdentityId"]
    vended = identity.get_credentials_for_identity(IdentityId=identity_id, Logins=logins)["Credentials"]
    if not vended["AccessKeyId"].startswith("ASIA"):
        fail(f"GetCredentialsForIdentity vended access key {vended['AccessKeyId']!r}, expected ASIA...")
    sts = boto3.client("sts", endpoint_url=stack["endpoints"]["sts"], region_name=stack["region"],
                       aws_access_key_id=vended["AccessKeyId"], aws_secret_access_key=vended["SecretKey"],
                       aws_session_token=vended["SessionToken"],
                       config=Config(retries={"max_attempts": 1}, connect_timeout=10, read_timeout=30))
    arn = sts.get_caller_identity()["Arn"]
    expected = "arn:aws:sts::000000000000:assumed-role/cognate-demo-user/CognitoIdentityCredentials"
    if arn != expected:
        fail(f"GetCallerIdentity answered {arn!r}, expected {expected!r} (the rule email = demo@example.com)")
    return arn

if __name__ == "__main__":
    main()
