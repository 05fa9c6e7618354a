-- A JWT-protected API call at a client app: GET /api/invoices at ClientAppB (Billing) with a
-- bearer access token for "billing-api" with scope billing.read. Passes on 200 with the invoices
-- JSON. The app validates the token locally (signature with the JWKS, iss, aud, typ, lifetime,
-- scope); the identity server is not called per request.
package.path = os.getenv("BENCH_LUA") .. "/?.lua;" .. package.path
local flow = require("flow")

flow.scenario {
  init = function(ctx, thread_id)
    local tokens = flow.read_lines(os.getenv("BENCH_DATA") .. "/access-tokens.txt")
    ctx.requests = {}
    for _, token in ipairs(tokens) do
      table.insert(ctx.requests, wrk.format("GET", "/api/invoices", { ["Authorization"] = "Bearer " .. token }))
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
        if not body:find('"invoices"%s*:%s*%[') then return false, "no invoices" end
        return true
      end,
    },
  },
}
