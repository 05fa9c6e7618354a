-- Single sign-on hop of a person already signed in at the identity server: GET /connect/authorize
-- with the session cookie (code flow, PKCE S256, state, nonce) -> 302 to the app with a code ->
-- POST /connect/token with the code and its verifier. One operation = both requests; it passes
-- when the redirect carries our state and a code, and the token answer has access, ID and refresh
-- tokens. Sessions and PKCE pairs were made by bench/tools/prepare.py.
package.path = os.getenv("BENCH_LUA") .. "/?.lua;" .. package.path
local flow = require("flow")

local redirect_uri = "http://127.0.0.1/bench/callback"
local scope = "openid profile email offline_access billing.read"

flow.scenario {
  init = function(ctx, thread_id)
    ctx.basic = "Basic " .. os.getenv("BENCH_WEB_BASIC")
    ctx.jwt_header = flow.expected_jwt_header()
    local sessions = flow.read_lines(os.getenv("BENCH_DATA") .. "/sessions.txt")
    ctx.cookie = sessions[(thread_id - 1) % #sessions + 1]
    ctx.pkce = {}
    for _, line in ipairs(flow.read_lines(os.getenv("BENCH_DATA") .. "/pkce.txt")) do
      local pair = flow.split(line, " ")
      table.insert(ctx.pkce, { verifier = pair[1], challenge = pair[2] })
    end
    ctx.serial = thread_id * 1000000
  end,
  begin = function(ctx)
    ctx.serial = ctx.serial + 1
    ctx.state = "s" .. ctx.serial
    ctx.pair = ctx.pkce[ctx.serial % #ctx.pkce + 1]
  end,
  steps = {
    {
      build = function(ctx)
        local path = "/connect/authorize?client_id=bench-web&response_type=code"
          .. "&redirect_uri=" .. flow.urlencode(redirect_uri)
          .. "&scope=" .. flow.urlencode(scope)
          .. "&state=" .. ctx.state .. "&nonce=n" .. ctx.serial
          .. "&code_challenge=" .. ctx.pair.challenge .. "&code_challenge_method=S256"
        return wrk.format("GET", path, { ["Cookie"] = ctx.cookie })
      end,
      check = function(ctx, status, headers, body)
        if status ~= 302 then return false, "status" end
        local location = flow.header(headers, "Location") or ""
        if location:sub(1, #redirect_uri + 1) ~= redirect_uri .. "?" then return false, "redirect to " .. location end
        if not location:find("state=" .. ctx.state, 1, true) then return false, "state lost" end
        ctx.code = location:match("[?&]code=([^&]+)")
        if not ctx.code then return false, "no code in " .. location end
        return true
      end,
    },
    {
      build = function(ctx)
        return wrk.format("POST", "/connect/token", {
          ["Authorization"] = ctx.basic,
          ["Content-Type"] = "application/x-www-form-urlencoded",
        }, "grant_type=authorization_code&code=" .. ctx.code .. "&code_verifier=" .. ctx.pair.verifier
          .. "&redirect_uri=" .. flow.urlencode(redirect_uri))
      end,
      check = function(ctx, status, headers, body)
        if status ~= 200 then return false, "status" end
        if not flow.is_jwt(flow.json_string(body, "access_token"), ctx.jwt_header) then return false, "no access token" end
        if not flow.is_jwt(flow.json_string(body, "id_token"), ctx.jwt_header) then return false, "no ID token" end
        if #(flow.json_string(body, "refresh_token") or "") < 40 then return false, "no refresh token" end
        return true
      end,
    },
  },
}
