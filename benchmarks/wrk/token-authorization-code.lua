-- POST /oauth2/token grant_type=authorization_code, each request redeeming a code of its own.
--   wrk -t1 -s benchmarks/wrk/token-authorization-code.lua http://localhost:8081 -- codes=/tmp/codes.txt threads=1 \
--       client_id=ID form.redirect_uri=https://app.example.test/callback form.code_verifier=...
-- codes: a file with one code per line (the harness mints them in Redis, as hosted-ui-service does after a sign-in).
-- threads: wrk's -t; thread i of n takes lines i, i+n, i+2n... so no code is used twice. A thread out of codes sends
-- "exhausted", which the server refuses (counted as an error), and done() says so.
local common = require("common")

local threads = {}
local counter = 0

function setup(thread)
  thread:set("index", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local codes = {}
local next_code = 1
local prefix, basic

function init(args)
  local params = common.params(args)
  local stride = tonumber(common.require(params, "threads"))
  local line_number = 0
  for line in assert(io.open(common.require(params, "codes"), "r")):lines() do
    if line ~= "" then
      if line_number % stride == index then
        codes[#codes + 1] = line
      end
      line_number = line_number + 1
    end
  end
  local fields = common.form_fields(params)
  fields.grant_type = "authorization_code"
  local client_id = common.require(params, "client_id")
  if params.client_secret then
    basic = common.basic(client_id, params.client_secret)
  else
    fields.client_id = client_id
  end
  prefix = common.form(fields) .. "&code="
  wrk.path = params.path or "/oauth2/token"
  exhausted = 0
end

function request()
  local code = codes[next_code]
  next_code = next_code + 1
  if code == nil then
    code = "exhausted"
    exhausted = exhausted + 1
  end
  local headers = { ["Content-Type"] = "application/x-www-form-urlencoded", ["Accept"] = "application/json" }
  if basic then
    headers["Authorization"] = basic
  end
  return wrk.format("POST", wrk.path, headers, prefix .. common.urlencode(code))
end

function done(summary, latency, requests)
  local out_of_codes = 0
  for _, thread in ipairs(threads) do
    out_of_codes = out_of_codes + (thread:get("exhausted") or 0)
  end
  if out_of_codes > 0 then
    io.write(string.format("WARNING: %d requests found no code left (mint more)\n", out_of_codes))
  end
end
