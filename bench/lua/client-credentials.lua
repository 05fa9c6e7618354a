-- Client credentials grant (RFC 6749 §4.4): one POST /connect/token per operation, the client
-- authenticated with HTTP Basic. Passes when the answer is 200 with a JWT access token signed
-- with the expected algorithm ($BENCH_ALG) and no refresh token.
package.path = os.getenv("BENCH_LUA") .. "/?.lua;" .. package.path
local flow = require("flow")

flow.scenario {
  init = function(ctx)
    ctx.jwt_header = flow.expected_jwt_header()
    ctx.request = wrk.format("POST", "/connect/token", {
      ["Authorization"] = "Basic " .. os.getenv("BENCH_SERVICE_BASIC"),
      ["Content-Type"] = "application/x-www-form-urlencoded",
    }, "grant_type=client_credentials&scope=billing.read")
  end,
  steps = {
    {
      build = function(ctx) return ctx.request end,
      check = function(ctx, status, headers, body)
        if status ~= 200 then return false, "status" end
        if not flow.is_jwt(flow.json_string(body, "access_token"), ctx.jwt_header) then
          return false, "no " .. (os.getenv("BENCH_ALG") or "RS256") .. " access token"
        end
        if body:find('"refresh_token"', 1, true) then return false, "unexpected refresh token" end
        return true
      end,
    },
  },
}
