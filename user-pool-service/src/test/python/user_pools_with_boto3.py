"""The Cognito admin API and the user flows driven by boto3 (botocore's own models and parsers), as a Python team would call it.

Usage: python3 user_pools_with_boto3.py ENDPOINT ACCESS_KEY SECRET_KEY
Prints one line per check and exits non-zero on the first failure.
"""
import sys
import uuid

import boto3
from botocore.exceptions import ClientError

endpoint, access_key, secret_key = sys.argv[1:4]
idp = boto3.client("cognito-idp", endpoint_url=endpoint, region_name="us-east-1",
                   aws_access_key_id=access_key, aws_secret_access_key=secret_key)


def check(label, condition):
    if not condition:
        print("FAIL " + label)
        sys.exit(1)
    print("ok   " + label)


def error_code(call):
    try:
        call()
    except ClientError as e:
        return e.response["Error"]["Code"]
    return None


suffix = uuid.uuid4().hex[:8]
pool = idp.create_user_pool(PoolName="boto3-" + suffix, AliasAttributes=["email"],
                            Schema=[{"Name": "tier", "AttributeDataType": "String"}])["UserPool"]
pool_id = pool["Id"]
check("CreateUserPool returns the standard schema", any(a["Name"] == "email_verified" for a in pool["SchemaAttributes"]))
check("custom attributes are prefixed", any(a["Name"] == "custom:tier" for a in pool["SchemaAttributes"]))

client = idp.create_user_pool_client(UserPoolId=pool_id, ClientName="app", GenerateSecret=True)["UserPoolClient"]
check("CreateUserPoolClient returns a secret", len(client["ClientSecret"]) > 40)

user = idp.admin_create_user(UserPoolId=pool_id, Username="pyuser", MessageAction="SUPPRESS", TemporaryPassword="Temp-Pass-123",
                             UserAttributes=[{"Name": "email", "Value": "py@example.com"},
                                             {"Name": "email_verified", "Value": "true"},
                                             {"Name": "custom:tier", "Value": "gold"}])["User"]
check("AdminCreateUser: FORCE_CHANGE_PASSWORD", user["UserStatus"] == "FORCE_CHANGE_PASSWORD")
check("AdminCreateUser: dates parse as datetimes", user["UserCreateDate"].year >= 2024)

got = idp.admin_get_user(UserPoolId=pool_id, Username="py@example.com")
check("AdminGetUser by verified email alias", got["Username"] == "pyuser")

idp.admin_set_user_password(UserPoolId=pool_id, Username="pyuser", Password="Perm-Pass-456", Permanent=True)
check("AdminSetUserPassword permanent confirms", idp.admin_get_user(UserPoolId=pool_id, Username="pyuser")["UserStatus"] == "CONFIRMED")

idp.create_group(UserPoolId=pool_id, GroupName="admins", Precedence=1)
idp.admin_add_user_to_group(UserPoolId=pool_id, Username="pyuser", GroupName="admins")
groups = idp.admin_list_groups_for_user(UserPoolId=pool_id, Username="pyuser")["Groups"]
check("AdminListGroupsForUser", [g["GroupName"] for g in groups] == ["admins"])
check("ListUsersInGroup", [u["Username"] for u in idp.list_users_in_group(UserPoolId=pool_id, GroupName="admins")["Users"]] == ["pyuser"])

listed = idp.list_users(UserPoolId=pool_id, Filter='custom:tier = "gold"')["Users"]
check("ListUsers filtered on a custom attribute", [u["Username"] for u in listed] == ["pyuser"])
paginator = idp.get_paginator("list_users")
check("ListUsers paginator", sum(len(page["Users"]) for page in paginator.paginate(UserPoolId=pool_id, PaginationConfig={"PageSize": 1})) == 1)

check("UserNotFoundException", error_code(lambda: idp.admin_get_user(UserPoolId=pool_id, Username="nobody")) == "UserNotFoundException")
check("UsernameExistsException", error_code(lambda: idp.admin_create_user(UserPoolId=pool_id, Username="pyuser", MessageAction="SUPPRESS"))
      == "UsernameExistsException")
check("InvalidPasswordException", error_code(lambda: idp.admin_set_user_password(UserPoolId=pool_id, Username="pyuser", Password="short",
                                                                                   Permanent=True)) == "InvalidPasswordException")
check("InvalidParameterException for a bad filter", error_code(lambda: idp.list_users(UserPoolId=pool_id, Filter="email = x"))
      == "InvalidParameterException")
check("ResourceNotFoundException for an unknown pool", error_code(lambda: idp.describe_user_pool(UserPoolId="us-east-1_Nope12345"))
      == "ResourceNotFoundException")

idp.create_user_pool_domain(UserPoolId=pool_id, Domain="boto3-" + suffix)
domain = idp.describe_user_pool_domain(Domain="boto3-" + suffix)["DomainDescription"]
check("DescribeUserPoolDomain", domain["UserPoolId"] == pool_id and domain["Status"] == "ACTIVE")

idp.create_identity_provider(UserPoolId=pool_id, ProviderName="Google", ProviderType="Google",
                             ProviderDetails={"client_id": "id", "client_secret": "secret", "authorize_scopes": "openid email"},
                             AttributeMapping={"email": "email"})
providers = idp.list_identity_providers(UserPoolId=pool_id, MaxResults=10)["Providers"]
check("ListIdentityProviders", [p["ProviderName"] for p in providers] == ["Google"])

described = idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]
check("DescribeUserPool: EstimatedNumberOfUsers and Domain", described["EstimatedNumberOfUsers"] == 1 and described["Domain"] == "boto3-" + suffix)

# The user flows, unsigned as an app calls them.
from botocore import UNSIGNED
from botocore.config import Config
app = boto3.client("cognito-idp", endpoint_url=endpoint, region_name="us-east-1", config=Config(signature_version=UNSIGNED))
public_client = idp.create_user_pool_client(UserPoolId=pool_id, ClientName="public",
                                            ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])["UserPoolClient"]
tokens = app.initiate_auth(ClientId=public_client["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
                           AuthParameters={"USERNAME": "pyuser", "PASSWORD": "Perm-Pass-456"})["AuthenticationResult"]
check("InitiateAuth USER_PASSWORD_AUTH (unsigned)", tokens["TokenType"] == "Bearer" and tokens["RefreshToken"])
check("GetUser with the access token", app.get_user(AccessToken=tokens["AccessToken"])["Username"] == "pyuser")
check("a wrong password is NotAuthorizedException", error_code(lambda: app.initiate_auth(
    ClientId=public_client["ClientId"], AuthFlow="USER_PASSWORD_AUTH", AuthParameters={"USERNAME": "pyuser", "PASSWORD": "nope"}))
      == "NotAuthorizedException")
app.change_password(AccessToken=tokens["AccessToken"], PreviousPassword="Perm-Pass-456", ProposedPassword="Perm-Pass-789")
refreshed = app.initiate_auth(ClientId=public_client["ClientId"], AuthFlow="REFRESH_TOKEN_AUTH",
                              AuthParameters={"REFRESH_TOKEN": tokens["RefreshToken"]})["AuthenticationResult"]
check("REFRESH_TOKEN_AUTH", refreshed["AccessToken"] != tokens["AccessToken"])
app.global_sign_out(AccessToken=refreshed["AccessToken"])
check("GlobalSignOut revokes the access token", error_code(lambda: app.get_user(AccessToken=refreshed["AccessToken"]))
      == "NotAuthorizedException")
check("signed-in actions refuse a forged token", error_code(lambda: app.get_user(AccessToken="not.a.token")) == "NotAuthorizedException")

idp.admin_delete_user(UserPoolId=pool_id, Username="pyuser")
idp.delete_user_pool_domain(UserPoolId=pool_id, Domain="boto3-" + suffix)
idp.delete_user_pool(UserPoolId=pool_id)
check("DeleteUserPool", error_code(lambda: idp.describe_user_pool(UserPoolId=pool_id)) == "ResourceNotFoundException")
print("all checks passed")
