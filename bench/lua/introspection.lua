-- Token introspection (RFC 7662): the Billing API client ("billing-api", HTTP Basic) asks about
-- access tokens issued for it. Passes on 200 with "active": true and the token's client_id.
package.path = os.getenv("BENCH_LUA") .. "/?.lua;" .. package.path
local flow = require("flow")

flow.scenario {
  init = function(ctx, thread_id)
    local headers = {
      ["Authorization"] = "Basic " .. os.getenv("BENCH_API_BASIC"),
      ["Content-Type"] = "application/x-www-form-urlencoded",
    }
    ctx.requests = {}
    for _, token in ipairs(flow.read_lines(os.getenv("BENCH_DATA") .. "/access-tokens.txt")) do
      table.insert(ctx.requests, wrk.format("POST", "/connect/introspect", headers, "token=" .. token))
    end
    ctx.next = thread_id
  end,
  steps = {
    {
      build = function(ctx)
        ctx.next = ctx.next % #ctx.requests + 1
        return ctx.requests[ctx.next]
      end,
      check = function(ctx, status, headers, body)
        if status ~= 200 then return false, "status" end
        if not body:find('"active"%s*:%s*true') then return false, "not active" end
        if flow.json_string(body, "client_id") ~= "bench-service" then return false, "wrong client_id" end
        return true
      end,
    },
  },
}
