#!/usr/bin/env python3
"""Makes what the wrk scenarios consume, through the identity server's own endpoints only:

  sessions.txt        session cookies ("sso.session=...") from real sign-ins through the form
  refresh-tokens.txt  refresh tokens from real code flows (authorize with a session, then token)
  access-tokens.txt   access tokens for billing-api from the client credentials grant
  pkce.txt            PKCE pairs "verifier challenge" (S256)

Standard library only. Never follows redirects, so every step's answer is checked.
"""
import argparse
import base64
import hashlib
import html
import http.client
import json
import os
import re
import secrets
import sys
import urllib.parse

REDIRECT_URI = "http://127.0.0.1/bench/callback"
SCOPE = "openid profile email offline_access billing.read"
ANTIFORGERY = re.compile(r'name="__RequestVerificationToken" type="hidden" value="([^"]+)"')


class Server:
    def __init__(self, base):
        url = urllib.parse.urlsplit(base)
        self.host, self.port = url.hostname, url.port

    def call(self, method, path, headers=None, form=None):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        body = urllib.parse.urlencode(form) if form is not None else None
        headers = dict(headers or {})
        if form is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read().decode("utf-8", "replace")
        result = response.status, response.getheaders(), data
        connection.close()
        return result


def header(headers, name, every=False):
    values = [value for key, value in headers if key.lower() == name.lower()]
    return values if every else (values[0] if values else None)


def basic(client_id, secret):
    raw = f"{urllib.parse.quote(client_id, safe='')}:{urllib.parse.quote(secret, safe='')}"
    return "Basic " + base64.b64encode(raw.encode()).decode()


def pkce_pair():
    verifier = base64.urlsafe_b64encode(secrets.token_bytes(32)).rstrip(b"=").decode()
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


def sign_in(server, user, password):
    status, headers, body = server.call("GET", "/account/login?ReturnUrl=%2F")
    match = ANTIFORGERY.search(body)
    if status != 200 or not match:
        sys.exit(f"prepare: no sign-in form (HTTP {status})")
    antiforgery = header(headers, "Set-Cookie").split(";")[0]
    status, headers, body = server.call(
        "POST", "/account/login?ReturnUrl=%2F", {"Cookie": antiforgery},
        {"Input.UserName": user, "Input.Password": password, "__RequestVerificationToken": html.unescape(match.group(1))})
    session = next((c.split(";")[0] for c in header(headers, "Set-Cookie", every=True) if "session=" in c), None)
    if status != 302 or not session:
        sys.exit(f"prepare: sign-in of {user} failed (HTTP {status})")
    return session


def code_flow(server, session, web_basic):
    verifier, challenge = pkce_pair()
    state = secrets.token_urlsafe(8)
    query = urllib.parse.urlencode({
        "client_id": "bench-web", "response_type": "code", "redirect_uri": REDIRECT_URI, "scope": SCOPE,
        "state": state, "nonce": secrets.token_urlsafe(8), "code_challenge": challenge, "code_challenge_method": "S256"})
    status, headers, _ = server.call("GET", "/connect/authorize?" + query, {"Cookie": session})
    location = header(headers, "Location") or ""
    code = urllib.parse.parse_qs(urllib.parse.urlsplit(location).query).get("code", [None])[0]
    if status != 302 or not code:
        sys.exit(f"prepare: authorize gave no code (HTTP {status}, {location})")
    status, _, body = server.call("POST", "/connect/token", {"Authorization": web_basic}, {
        "grant_type": "authorization_code", "code": code, "code_verifier": verifier, "redirect_uri": REDIRECT_URI})
    if status != 200:
        sys.exit(f"prepare: code redemption failed (HTTP {status}): {body[:300]}")
    return json.loads(body)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base", required=True, help="http://127.0.0.1:PORT")
    parser.add_argument("--out", required=True, help="folder for the files")
    parser.add_argument("--users", required=True, help="file of 'name password' lines")
    parser.add_argument("--web-secret", required=True)
    parser.add_argument("--service-secret", required=True)
    parser.add_argument("--sessions", type=int, default=0)
    parser.add_argument("--refresh-tokens", type=int, default=0)
    parser.add_argument("--access-tokens", type=int, default=0)
    parser.add_argument("--pkce", type=int, default=256)
    args = parser.parse_args()

    server = Server(args.base)
    os.makedirs(args.out, exist_ok=True)
    users = [line.split(" ", 1) for line in open(args.users).read().splitlines() if line.strip()]
    web_basic = basic("bench-web", args.web_secret)

    with open(os.path.join(args.out, "pkce.txt"), "w") as file:
        for _ in range(args.pkce):
            file.write("%s %s\n" % pkce_pair())

    sessions = []
    needed_sessions = max(args.sessions, 1 if args.refresh_tokens else 0)
    for i in range(needed_sessions):
        name, password = users[i % len(users)]
        sessions.append(sign_in(server, name, password))
    if args.sessions:
        with open(os.path.join(args.out, "sessions.txt"), "w") as file:
            file.write("\n".join(sessions[:args.sessions]) + "\n")

    if args.refresh_tokens:
        with open(os.path.join(args.out, "refresh-tokens.txt"), "w") as file:
            for i in range(args.refresh_tokens):
                tokens = code_flow(server, sessions[i % len(sessions)], web_basic)
                file.write(tokens["refresh_token"] + "\n")

    if args.access_tokens:
        service_basic = basic("bench-service", args.service_secret)
        with open(os.path.join(args.out, "access-tokens.txt"), "w") as file:
            for _ in range(args.access_tokens):
                status, _, body = server.call("POST", "/connect/token", {"Authorization": service_basic},
                                              {"grant_type": "client_credentials", "scope": "billing.read"})
                if status != 200:
                    sys.exit(f"prepare: client credentials failed (HTTP {status}): {body[:300]}")
                file.write(json.loads(body)["access_token"] + "\n")


if __name__ == "__main__":
    main()
