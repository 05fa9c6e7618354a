-- Discovery and JWKS, as every app and API fetches them: GET /.well-known/openid-configuration
-- and GET /.well-known/jwks alternately. One operation = one document. Passes on 200 with the
-- configured issuer, or with at least one key.
package.path = os.getenv("BENCH_LUA") .. "/?.lua;" .. package.path
local flow = require("flow")

flow.scenario {
  init = function(ctx, thread_id)
    ctx.issuer = os.getenv("BENCH_ISSUER")
    ctx.discovery = wrk.format("GET", "/.well-known/openid-configuration")
    ctx.jwks = wrk.format("GET", "/.well-known/jwks")
    ctx.odd = thread_id % 2 == 1
  end,
  steps = {
    {
      build = function(ctx)
        ctx.odd = not ctx.odd
        return ctx.odd and ctx.discovery or ctx.jwks
      end,
      check = function(ctx, status, headers, body)
        if status ~= 200 then return false, "status" end
        if ctx.odd then
          if flow.json_string(body, "issuer") ~= ctx.issuer then return false, "wrong issuer" end
        elseif not body:find('"keys"%s*:%s*%[%s*{') then
          return false, "no keys"
        end
        return true
      end,
    },
  },
}
