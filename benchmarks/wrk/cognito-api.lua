-- One Cognito user-pool API call (AWS JSON 1.1) with a fixed body, for the public actions that need no SigV4:
-- GetUser, InitiateAuth USER_PASSWORD_AUTH and REFRESH_TOKEN_AUTH.
--   wrk -s benchmarks/wrk/cognito-api.lua http://localhost:8081 -- target=GetUser 'body={"AccessToken":"eyJ..."}'
local common = require("common")

function init(args)
  local params = common.params(args)
  wrk.method = "POST"
  wrk.path = params.path or "/"
  wrk.headers["Content-Type"] = "application/x-amz-json-1.1"
  wrk.headers["X-Amz-Target"] = "AWSCognitoIdentityProviderService." .. common.require(params, "target")
  wrk.body = common.require(params, "body")
end
