-- wrk script of the bench harness (bench/main.go): each request carries the
-- bearer token of the next seeded user, round robin, and the route's body.
--
--   wrk ... -s account.lua URL -- TOKENS_FILE METHOD BODY MAX_REQUESTS
--
-- BODY is "none", "name" (PATCH {"name": ...}), "password" ({"password":
-- ...}) or "mixed": of every 50 requests, one POST
-- /api/verifications/password, four PATCH /api/my-account and 45 GET
-- /api/my-account (2%, 8%, 90%), whatever METHOD and the URL's path say. A
-- thread stops after MAX_REQUESTS requests (0: no limit), so a run is
-- bounded in requests as well as in time. done() prints one JSON line that
-- the harness reads.

local threads = 0

function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end

local tokens = {}
local method, kind, maxreq
local n = 0

function init(args)
  local f = assert(io.open(args[1], "r"))
  for line in f:lines() do
    if #line > 0 then tokens[#tokens + 1] = line end
  end
  f:close()
  method, kind, maxreq = args[2], args[3], tonumber(args[4]) or 0
  -- Threads start at different users.
  n = (tid or 0) * 7919
end

local password_body = '{"password":"correct-horse-9"}'

function request()
  n = n + 1
  if maxreq > 0 and n - (tid or 0) * 7919 > maxreq then
    wrk.thread:stop()
  end
  local headers = { ["Authorization"] = "Bearer " .. tokens[n % #tokens + 1] }
  local m, path, body = method, nil, nil
  local k = kind
  if kind == "mixed" then
    local slot = n % 50
    if slot == 0 then
      m, path, k = "POST", "/api/verifications/password", "password"
    elseif slot <= 4 then
      m, path, k = "PATCH", "/api/my-account", "name"
    else
      m, path, k = "GET", "/api/my-account", "none"
    end
  end
  if k == "name" then
    body = '{"name":"Bench ' .. n .. '"}'
  elseif k == "password" then
    body = password_body
  end
  if body then headers["Content-Type"] = "application/json" end
  return wrk.format(m, path, headers, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"duration_us":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,"p50_us":%d,"p99_us":%d,"max_us":%d}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max))
end
