-- The engine every scenario script shares: one wrk thread drives exactly one connection
-- (run.sh always passes -t N -c N), so a thread's state is its connection's state and an
-- operation of several requests (authorize -> token, sign-in -> authorize -> token) is a simple
-- state machine. Every response is checked; an operation counts only when all of its steps
-- passed. Each thread keeps a latency histogram of whole operations (not single requests);
-- done() merges them and writes a JSON summary to $BENCH_OUT.
--
-- A scenario script does:
--   package.path = os.getenv("BENCH_LUA") .. "/?.lua;" .. package.path
--   local flow = require("flow")
--   flow.scenario {
--     init = function(ctx, thread_id) ... end,              -- once per thread (optional)
--     steps = {
--       { build = function(ctx) return wrk.format(...) end,
--         check = function(ctx, status, headers, body) return ok, "why not" end },
--       ...
--     },
--   }

local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clock_id, bench_timespec *tp);
]]
local CLOCK_MONOTONIC = 1
local timespec = ffi.new("bench_timespec")

local M = {}

function M.now_us()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, timespec)
  return tonumber(timespec.tv_sec) * 1e6 + tonumber(timespec.tv_nsec) / 1e3
end

-- Latency histogram: bucket k holds latencies in [exp(k/RES), exp((k+1)/RES)) microseconds,
-- about 1.6% wide, so percentiles are exact to that much.
local RES = 64

-- Helpers for scenario scripts -------------------------------------------------------------

function M.header(headers, name)
  local wanted = name:lower()
  for key, value in pairs(headers) do
    if key:lower() == wanted then
      return value
    end
  end
  return nil
end

function M.urlencode(text)
  return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function M.htmldecode(text)
  return (text:gsub("&#x(%x+);", function(h) return string.char(tonumber(h, 16)) end)
              :gsub("&#(%d+);", function(d) return string.char(tonumber(d)) end)
              :gsub("&quot;", '"'):gsub("&lt;", "<"):gsub("&gt;", ">"):gsub("&amp;", "&"))
end

-- A JSON string member of a flat response, e.g. json_string(body, "access_token").
function M.json_string(body, name)
  return body:match('"' .. name .. '"%s*:%s*"([^"]*)"')
end

-- A compact JWS (header.payload.signature, base64url) whose header starts with the given prefix.
function M.is_jwt(token, header_prefix)
  if not token or not token:match("^[%w_%-]+%.[%w_%-]+%.[%w_%-]+$") then
    return false
  end
  return header_prefix == nil or token:sub(1, #header_prefix) == header_prefix
end

-- JWT headers as OpenIddict writes them ({"alg":"RS256","kid":...): base64url prefixes.
M.RS256_HEADER = "eyJhbGciOiJSUzI1NiIs"
M.ES256_HEADER = "eyJhbGciOiJFUzI1NiIs"

function M.expected_jwt_header()
  local alg = os.getenv("BENCH_ALG") or "RS256"
  return alg == "ES256" and M.ES256_HEADER or M.RS256_HEADER
end

function M.read_lines(path)
  local lines = {}
  local file = assert(io.open(path, "r"), "cannot open " .. path)
  for line in file:lines() do
    if line ~= "" then
      table.insert(lines, line)
    end
  end
  file:close()
  return lines
end

function M.split(text, separator)
  local parts = {}
  for part in (text .. separator):gmatch("(.-)" .. separator) do
    table.insert(parts, part)
  end
  return parts
end

-- Engine -----------------------------------------------------------------------------------

local threads = {}

local function json_escape(text)
  return (text:gsub('[%c"\\]', function(c) return string.format("\\u%04x", string.byte(c)) end))
end

function M.scenario(definition)
  local steps = definition.steps

  -- Optional pacing (bench/soak.sh): wait this many milliseconds before each request, so a cheap
  -- stream does not take the whole machine from the others. bench/run.sh never sets it.
  local pause = tonumber(os.getenv("BENCH_DELAY_MS") or "")
  if pause and pause > 0 then
    function delay()
      return pause
    end
  end

  function setup(thread)
    table.insert(threads, thread)
    thread:set("thread_id", #threads)
  end

  function init(args)
    ops, errors, hist, samples = 0, 0, {}, {}
    ctx, step, started = {}, 1, 0
    if definition.init then
      definition.init(ctx, thread_id)
    end
  end

  function request()
    if step == 1 then
      started = M.now_us()
      if definition.begin then
        definition.begin(ctx)
      end
    end
    return steps[step].build(ctx)
  end

  function response(status, headers, body)
    local ok, why = steps[step].check(ctx, status, headers, body or "")
    if not ok then
      errors = errors + 1
      if #samples < 5 then
        table.insert(samples, string.format("step %d: HTTP %d: %s: %s", step, status, why or "unexpected answer",
          (body or ""):sub(1, 200)))
      end
      if definition.failed then
        definition.failed(ctx, step)
      end
      step = 1
      return
    end
    if step < #steps then
      step = step + 1
      return
    end
    ops = ops + 1
    local elapsed = M.now_us() - started
    local bucket = math.floor(math.log(math.max(elapsed, 1)) * RES)
    hist[bucket] = (hist[bucket] or 0) + 1
    step = 1
  end

  function done(summary, latency, requests)
    local total_ops, total_errors, merged, all_samples = 0, 0, {}, {}
    for _, thread in ipairs(threads) do
      total_ops = total_ops + (thread:get("ops") or 0)
      total_errors = total_errors + (thread:get("errors") or 0)
      for bucket, count in pairs(thread:get("hist") or {}) do
        merged[bucket] = (merged[bucket] or 0) + count
      end
      for _, sample in ipairs(thread:get("samples") or {}) do
        table.insert(all_samples, sample)
      end
    end

    local buckets = {}
    for bucket in pairs(merged) do
      table.insert(buckets, bucket)
    end
    table.sort(buckets)
    local function percentile(p)
      local wanted, seen = math.max(1, math.ceil(total_ops * p / 100)), 0
      for _, bucket in ipairs(buckets) do
        seen = seen + merged[bucket]
        if seen >= wanted then
          -- the middle of the bucket, in milliseconds
          return math.exp((bucket + 0.5) / RES) / 1000
        end
      end
      return 0
    end

    local e = summary.errors
    local socket_errors = e.connect + e.read + e.write + e.timeout
    local quoted = {}
    for i, sample in ipairs(all_samples) do
      if i > 10 then break end
      table.insert(quoted, '"' .. json_escape(sample) .. '"')
    end
    local json = string.format(
      '{"duration_s": %.3f, "requests": %d, "operations": %d, "check_errors": %d, "socket_errors": %d, ' ..
      '"status_errors": %d, "p50_ms": %.3f, "p90_ms": %.3f, "p99_ms": %.3f, "request_p50_ms": %.3f, ' ..
      '"request_p99_ms": %.3f, "samples": [%s]}',
      summary.duration / 1e6, summary.requests, total_ops, total_errors, socket_errors, e.status,
      total_ops > 0 and percentile(50) or 0, total_ops > 0 and percentile(90) or 0,
      total_ops > 0 and percentile(99) or 0,
      latency:percentile(50) / 1000, latency:percentile(99) / 1000, table.concat(quoted, ", "))
    local out = os.getenv("BENCH_OUT")
    if out then
      local file = assert(io.open(out, "w"))
      file:write(json, "\n")
      file:close()
    end
    io.write(json, "\n")
  end
end

return M
