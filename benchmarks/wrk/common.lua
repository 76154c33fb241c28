-- Shared by the harness's wrk scripts: parameters, form encoding, HTTP Basic.
--
-- Parameters come after wrk's "--": each is NAME=VALUE, or @FILE naming a file of NAME=VALUE lines (the harness writes
-- one, so that tokens and secrets stay off the command line). A value runs to the end of its line, '=' included.
local common = {}

local function add(params, line)
  local name, value = line:match("^([^=]+)=(.*)$")
  if not name then
    error("not NAME=VALUE: " .. line)
  end
  params[name] = value
end

function common.params(args)
  local params = {}
  for _, arg in ipairs(args or {}) do
    if arg:sub(1, 1) == "@" then
      local file = assert(io.open(arg:sub(2), "r"))
      for line in file:lines() do
        if line ~= "" then
          add(params, line)
        end
      end
      file:close()
    else
      add(params, arg)
    end
  end
  return params
end

function common.require(params, name)
  local value = params[name]
  if value == nil or value == "" then
    error("missing parameter " .. name)
  end
  return value
end

function common.urlencode(text)
  return (tostring(text):gsub("[^%w%-%._~]", function(c)
    return string.format("%%%02X", string.byte(c))
  end))
end

-- application/x-www-form-urlencoded of a table, in a stable (sorted) order.
function common.form(fields)
  local names = {}
  for name in pairs(fields) do
    names[#names + 1] = name
  end
  table.sort(names)
  local parts = {}
  for _, name in ipairs(names) do
    parts[#parts + 1] = common.urlencode(name) .. "=" .. common.urlencode(fields[name])
  end
  return table.concat(parts, "&")
end

local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

function common.base64(data)
  return ((data:gsub(".", function(c)
    local bits, byte = "", c:byte()
    for i = 8, 1, -1 do
      bits = bits .. (byte % 2 ^ i - byte % 2 ^ (i - 1) > 0 and "1" or "0")
    end
    return bits
  end) .. "0000"):gsub("%d%d%d?%d?%d?%d?", function(bits)
    if #bits < 6 then
      return ""
    end
    local value = 0
    for i = 1, 6 do
      value = value + (bits:sub(i, i) == "1" and 2 ^ (6 - i) or 0)
    end
    return alphabet:sub(value + 1, value + 1)
  end) .. ({ "", "==", "=" })[#data % 3 + 1])
end

-- RFC 6749 §2.3.1: client id and secret form-urlencoded, then joined by ':' and base64-encoded.
function common.basic(client_id, client_secret)
  return "Basic " .. common.base64(common.urlencode(client_id) .. ":" .. common.urlencode(client_secret))
end

-- The form fields given as form.NAME=VALUE.
function common.form_fields(params)
  local fields = {}
  for name, value in pairs(params) do
    local field = name:match("^form%.(.+)$")
    if field then
      fields[field] = value
    end
  end
  return fields
end

return common
