#!/usr/bin/env python3
"""Reads `perf script` output (cpu-clock samples with call stacks) of the identity server and
prints where its CPU went: by component (a sample counts for every component on its stack,
so shares overlap), by shared object of the leaf frame (exclusive), and the hottest frames.
--fold writes folded stacks (root;...;leaf count) for a flame graph."""
import argparse
import collections
import re
import sys

# Component: a regex on "symbol (object)" of any frame of the stack.
COMPONENTS = [
    ("PBKDF2 (client secret / password hashing)", r"Pbkdf2|Rfc2898|PKCS5_PBKDF2|KeyDerivation|PasswordHasher|ValidateClientSecret"),
    ("RSA / ECDSA signing (libcrypto bignum)", r"\bbn_|BN_|rsaz_|RSA_|rsa_|ecp_nistz256|ECDSA|ossl_ec|ecdsa_"),
    ("SHA-2 blocks (libcrypto)", r"sha256_block|sha512_block|SHA256|SHA512"),
    ("libcrypto, any (hashing, HMAC, signatures; its symbols are mostly stripped)", r"libcrypto\.so"),
    ("SQLite engine (libe_sqlite3)", r"e_sqlite3"),
    ("Microsoft.Data.Sqlite", r"Microsoft\.Data\.Sqlite"),
    ("EF Core (all, incl. SQLite provider)", r"Microsoft\.EntityFrameworkCore"),
    ("EF Core change tracking", r"ChangeTracking|StateManager|InternalEntityEntry|Snapshot|DetectChanges"),
    ("EF Core query compilation/caching", r"QueryCompiler|CompiledQueryCache|ExpressionEqualityComparer|QueryTranslation|ShapedQueryCompiling"),
    ("OpenIddict", r"OpenIddict"),
    ("IdentityModel (JWT write/read)", r"Microsoft\.IdentityModel"),
    ("ASP.NET Core Identity", r"Microsoft\.AspNetCore\.Identity|Microsoft\.Extensions\.Identity"),
    ("Data protection", r"DataProtection"),
    ("Razor / MVC", r"Microsoft\.AspNetCore\.Mvc|Razor"),
    ("Kestrel + HTTP", r"Microsoft\.AspNetCore\.Server\.Kestrel|System\.Net\.Sockets|Http1Connection"),
    ("System.Text.Json", r"System\.Text\.Json"),
    ("Logging", r"Microsoft\.Extensions\.Logging|Console"),
    ("GC", r"gc_heap|GCHeap|WKS::|SVR::|gc\.cpp|memset|memmove|JIT_New|Alloc"),
    ("JIT / tiering", r"libclrjit|TieredCompilation|CallCountingManager"),
    ("Kernel", r"\[kernel\.kallsyms\]"),
]


# Named steps of the request: OpenIddict's handlers, stores and managers, this server's own code,
# EF Core's entry points. Inclusive: the share of samples with that step anywhere on the stack.
STEPS = [
    ("OpenIddict handler", r"OpenIddict(?:Server|Validation)Handlers\+(?:[\w`]+\+)*?(\w+)\+<HandleAsync>"),
    ("OpenIddict store", r"OpenIddictEntityFrameworkCore(\w+Store)`\d+\+<(\w+)>"),
    ("OpenIddict manager", r"OpenIddict(\w+Manager)`\d+\+<(\w+)>"),
    ("Sso", r"\[IdentityServer\] Sso\.IdentityServer\.([\w.]+(?:\+<\w+>)?)"),
    ("EF Core", r"(SaveChangesAsync|ExecuteReaderAsync|QueryCompiler::ExecuteAsync|DetectChanges|StartTracking)"),
    ("Identity", r"(UserManager`1\+<\w+>|SignInManager`1\+<\w+>|PasswordHasher`1::\w+)"),
    ("Data protection", r"(KeyRingBasedDataProtector::\w+)"),
    ("Razor", r"(RazorView\+<\w+>|PageActionInvoker\+<\w+>)"),
    ("IdentityModel", r"(JsonWebTokenHandler::\w+)"),
]


def parse(stream):
    stack, comm = [], None
    for line in stream:
        line = line.rstrip("\n")
        if not line.strip():
            if stack:
                yield comm, stack
            stack, comm = [], None
            continue
        if not line.startswith(("\t", " ")):
            comm = line.split()[0]
            continue
        parts = line.strip().split(" ", 1)
        frame = parts[1] if len(parts) > 1 else parts[0]
        frame = re.sub(r"\+0x[0-9a-f]+", "", frame)
        stack.append(frame)
    if stack:
        yield comm, stack


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--fold")
    args = parser.parse_args()
    total = 0
    components = collections.Counter()
    dsos = collections.Counter()
    leaves = collections.Counter()
    inclusive = collections.Counter()
    folded = collections.Counter()
    steps = collections.Counter()
    compiled = [(name, re.compile(pattern)) for name, pattern in COMPONENTS]
    compiled_steps = [(name, re.compile(pattern)) for name, pattern in STEPS]
    for _, stack in parse(sys.stdin):
        total += 1
        leaf = stack[0]
        dso = re.search(r"\(([^)]*)\)\s*$", leaf)
        dsos[(dso.group(1).rsplit("/", 1)[-1] if dso else "?")] += 1
        leaves[re.sub(r"\s*\([^)]*\)\s*$", "", leaf)[:140]] += 1
        text = "\n".join(stack)
        for name, pattern in compiled:
            if pattern.search(text):
                components[name] += 1
        seen_steps = set()
        for frame in stack:
            for kind, pattern in compiled_steps:
                for match in pattern.finditer(frame):
                    key = f"{kind}: " + "/".join(group for group in match.groups() if group)
                    if key not in seen_steps:
                        seen_steps.add(key)
                        steps[key] += 1
        seen = set()
        for frame in stack:
            name = re.sub(r"\s*\([^)]*\)\s*$", "", frame)[:140]
            if name not in seen:
                seen.add(name)
                inclusive[name] += 1
        folded[";".join(re.sub(r"\s*\([^)]*\)\s*$", "", f)[:400] for f in reversed(stack))] += 1
    if args.fold:
        with open(args.fold, "w") as file:
            for stack, count in folded.most_common():
                file.write(f"{stack} {count}\n")
    if not total:
        print("no samples")
        return
    print(f"samples: {total}")
    print("\nby component (inclusive; a sample counts for every component on its stack):")
    for name, count in components.most_common():
        print(f"  {100 * count / total:5.1f}%  {name}")
    print("\nby shared object of the leaf frame (exclusive):")
    for name, count in dsos.most_common(12):
        print(f"  {100 * count / total:5.1f}%  {name}")
    print("\nsteps of the request (inclusive; native frames of libcrypto and SQLite lack the frame pointers "
          "that would link them to their managed callers, so those count only above):")
    for name, count in steps.most_common(45):
        print(f"  {100 * count / total:5.1f}%  {name}")
    print("\nhottest leaf frames (exclusive):")
    for name, count in leaves.most_common(25):
        print(f"  {100 * count / total:5.1f}%  {name}")
    print("\nhottest frames (inclusive):")
    for name, count in inclusive.most_common(60):
        print(f"  {100 * count / total:5.1f}%  {name}")


if __name__ == "__main__":
    main()
