-- GET of one path: the discovery document, the JWKS, or /oauth2/userInfo with a Bearer token.
--   wrk -s benchmarks/wrk/get.lua http://localhost:8081 -- path=/us-east-1_X/.well-known/jwks.json
--   wrk -s benchmarks/wrk/get.lua http://localhost:8081 -- path=/oauth2/userInfo bearer=eyJ...
local common = require("common")

function init(args)
  local params = common.params(args)
  wrk.method = "GET"
  wrk.path = common.require(params, "path")
  wrk.headers["Accept"] = "application/json"
  if params.bearer then
    wrk.headers["Authorization"] = "Bearer " .. params.bearer
  end
end
