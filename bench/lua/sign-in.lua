-- Password sign-in followed by the code flow, as a browser with no session does it:
--   1. GET  /account/login?ReturnUrl=<authorize URL>  -> 200, the form's antiforgery token + cookie
--   2. POST /account/login (user name, password, antiforgery) -> 302 back to the authorize URL,
--      with the new session cookie
--   3. GET  the authorize URL with the session cookie -> 302 to the app with a code
--   4. POST /connect/token (code + PKCE verifier)      -> access, ID and refresh tokens
-- One operation = all four requests. Users come from $BENCH_DATA/users.txt ("name password").
package.path = os.getenv("BENCH_LUA") .. "/?.lua;" .. package.path
local flow = require("flow")

local redirect_uri = "http://127.0.0.1/bench/callback"
local scope = "openid profile email offline_access billing.read"

local function cookie_pair(set_cookie)
  return set_cookie and set_cookie:match("^([^;]+)")
end

flow.scenario {
  init = function(ctx, thread_id)
    ctx.basic = "Basic " .. os.getenv("BENCH_WEB_BASIC")
    ctx.jwt_header = flow.expected_jwt_header()
    ctx.users = {}
    for _, line in ipairs(flow.read_lines(os.getenv("BENCH_DATA") .. "/users.txt")) do
      local parts = flow.split(line, " ")
      table.insert(ctx.users, { name = parts[1], password = parts[2] })
    end
    ctx.pkce = {}
    for _, line in ipairs(flow.read_lines(os.getenv("BENCH_DATA") .. "/pkce.txt")) do
      local pair = flow.split(line, " ")
      table.insert(ctx.pkce, { verifier = pair[1], challenge = pair[2] })
    end
    ctx.serial = thread_id * 1000000
    math.randomseed(thread_id)
  end,
  begin = function(ctx)
    ctx.serial = ctx.serial + 1
    ctx.state = "s" .. ctx.serial
    ctx.pair = ctx.pkce[ctx.serial % #ctx.pkce + 1]
    ctx.user = ctx.users[math.random(#ctx.users)]
    ctx.authorize = "/connect/authorize?client_id=bench-web&response_type=code"
      .. "&redirect_uri=" .. flow.urlencode(redirect_uri)
      .. "&scope=" .. flow.urlencode(scope)
      .. "&state=" .. ctx.state .. "&nonce=n" .. ctx.serial
      .. "&code_challenge=" .. ctx.pair.challenge .. "&code_challenge_method=S256"
    ctx.login = "/account/login?ReturnUrl=" .. flow.urlencode(ctx.authorize)
  end,
  steps = {
    {
      build = function(ctx) return wrk.format("GET", ctx.login) end,
      check = function(ctx, status, headers, body)
        if status ~= 200 then return false, "status" end
        ctx.antiforgery_cookie = cookie_pair(flow.header(headers, "Set-Cookie"))
        local token = body:match('name="__RequestVerificationToken" type="hidden" value="([^"]+)"')
        if not token or not ctx.antiforgery_cookie then return false, "no antiforgery token" end
        ctx.form_token = flow.htmldecode(token)
        return true
      end,
    },
    {
      build = function(ctx)
        return wrk.format("POST", ctx.login, {
          ["Cookie"] = ctx.antiforgery_cookie,
          ["Content-Type"] = "application/x-www-form-urlencoded",
        }, "Input.UserName=" .. flow.urlencode(ctx.user.name) .. "&Input.Password=" .. flow.urlencode(ctx.user.password)
          .. "&__RequestVerificationToken=" .. flow.urlencode(ctx.form_token))
      end,
      check = function(ctx, status, headers, body)
        if status ~= 302 then return false, "status (wrong password or throttled?)" end
        if flow.header(headers, "Location") ~= ctx.authorize then return false, "not sent back to authorize" end
        local session = cookie_pair(flow.header(headers, "Set-Cookie"))
        if not session or not session:find("session=", 1, true) then return false, "no session cookie" end
        ctx.session = session
        return true
      end,
    },
    {
      build = function(ctx) return wrk.format("GET", ctx.authorize, { ["Cookie"] = ctx.session }) end,
      check = function(ctx, status, headers, body)
        if status ~= 302 then return false, "status" end
        local location = flow.header(headers, "Location") or ""
        if location:sub(1, #redirect_uri + 1) ~= redirect_uri .. "?" then return false, "redirect to " .. location end
        if not location:find("state=" .. ctx.state, 1, true) then return false, "state lost" end
        ctx.code = location:match("[?&]code=([^&]+)")
        if not ctx.code then return false, "no code" end
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
