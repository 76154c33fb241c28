-- POST to the token endpoint with a fixed form: client_credentials, refresh_token, password grants.
--   wrk -s benchmarks/wrk/token.lua http://localhost:8081 -- client_id=ID client_secret=SECRET \
--       form.grant_type=client_credentials form.scope=load-api/read
-- path: the token endpoint's path (default /oauth2/token). With client_secret the client authenticates with HTTP
-- Basic (client_secret_basic); without, client_id goes in the form (a public client).
local common = require("common")

function init(args)
  local params = common.params(args)
  local fields = common.form_fields(params)
  local client_id = common.require(params, "client_id")
  wrk.method = "POST"
  wrk.path = params.path or "/oauth2/token"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.headers["Accept"] = "application/json"
  if params.client_secret then
    wrk.headers["Authorization"] = common.basic(client_id, params.client_secret)
  else
    fields.client_id = client_id
  end
  wrk.body = common.form(fields)
end
