-- Refresh token grant with rotation: each connection follows its own chain, always presenting the
-- refresh token it received last (never one already used). Passes when the answer is 200 with a
-- JWT access token and a new, different refresh token. A broken chain continues with a spare
-- token from the pool that bench/tools/prepare.py minted through the code flow
-- ($BENCH_REFRESH_FILE: the warm-up and the timed run get separate pools).
package.path = os.getenv("BENCH_LUA") .. "/?.lua;" .. package.path
local flow = require("flow")

flow.scenario {
  init = function(ctx, thread_id)
    ctx.basic = "Basic " .. os.getenv("BENCH_WEB_BASIC")
    ctx.jwt_header = flow.expected_jwt_header()
    local all = flow.read_lines(os.getenv("BENCH_REFRESH_FILE"))
    local threads = tonumber(os.getenv("BENCH_CONNECTIONS"))
    -- This thread's share of the pool: lines thread_id, thread_id + N, ...
    ctx.pool = {}
    for i = thread_id, #all, threads do
      table.insert(ctx.pool, all[i])
    end
    ctx.token = table.remove(ctx.pool, 1)
  end,
  steps = {
    {
      build = function(ctx)
        return wrk.format("POST", "/connect/token", {
          ["Authorization"] = ctx.basic,
          ["Content-Type"] = "application/x-www-form-urlencoded",
        }, "grant_type=refresh_token&refresh_token=" .. flow.urlencode(ctx.token or "none-left"))
      end,
      check = function(ctx, status, headers, body)
        if status ~= 200 then return false, "status" end
        if not flow.is_jwt(flow.json_string(body, "access_token"), ctx.jwt_header) then return false, "no access token" end
        local rotated = flow.json_string(body, "refresh_token")
        if not rotated or #rotated < 40 or rotated == ctx.token then return false, "no new refresh token" end
        ctx.token = rotated
        return true
      end,
    },
  },
  failed = function(ctx)
    ctx.token = table.remove(ctx.pool, 1)
  end,
}
