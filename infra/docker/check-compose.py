#!/usr/bin/env python3
"""Checks docker-compose.yml without a Docker engine: it parses (anchors and merges resolved), every service it names
(depends_on, profiles) and volume exists, every file it mounts or builds from exists, and every BetterHarness__…
environment variable names a setting some options class binds (its Section plus a property of that class).
Usage: python3 infra/docker/check-compose.py [docker-compose.yml]"""
import os, re, sys, glob
import yaml

root = os.path.dirname(os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "docker-compose.yml"))
path = os.path.join(root, os.path.basename(sys.argv[1]) if len(sys.argv) > 1 else "docker-compose.yml")
doc = yaml.safe_load(open(path))
errors = []

# Settings the code binds: Section constant -> the properties of the class that declares it.
settings = {}
for cs in glob.glob(os.path.join(root, "services", "**", "*.cs"), recursive=True):
    if "/obj/" in cs or "/bin/" in cs:
        continue
    text = open(cs, encoding="utf-8").read()
    for m in re.finditer(r'const string Section = "([^"]+)";', text):
        props = set(re.findall(r"public [\w<>\[\]?, ]+ (\w+) \{ get; (?:set|init); \}", text))
        settings.setdefault(m.group(1), set()).update(props)

def known(key):
    parts = key.split("__")
    for n in range(len(parts) - 1, 0, -1):
        section = ":".join(parts[:n])
        if section in settings and parts[n] in settings[section]:
            return True
    return False

services = doc.get("services", {})
volumes = set((doc.get("volumes") or {}).keys())
profiles = set()
for name, svc in services.items():
    profiles.update(svc.get("profiles", []))
    deps = svc.get("depends_on", {})
    for dep in (deps if isinstance(deps, list) else deps.keys()):
        if dep not in services:
            errors.append(f"{name}: depends_on names no service '{dep}'")
        elif set(services[dep].get("profiles", [])) - set(svc.get("profiles", [])) and services[dep].get("profiles"):
            if not set(services[dep]["profiles"]) & set(svc.get("profiles", [])):
                errors.append(f"{name}: depends on '{dep}', which is not in any of its profiles")
    for vol in svc.get("volumes", []):
        source = vol.split(":")[0]
        if source.startswith("."):
            if not os.path.exists(os.path.join(root, source)):
                errors.append(f"{name}: mounts {source}, which does not exist")
        elif source not in volumes:
            errors.append(f"{name}: mounts volume '{source}', which is not declared")
    build = svc.get("build")
    if build and not os.path.exists(os.path.join(root, build.get("context", "."), build.get("dockerfile", "Dockerfile"))):
        errors.append(f"{name}: builds from a Dockerfile that does not exist")
    env = svc.get("environment", {}) or {}
    for key in env:
        if key.startswith("BetterHarness__") and not known(key):
            errors.append(f"{name}: {key} is not a setting any options class binds")
    if "ports" in svc and svc.get("deploy", {}).get("replicas", 1) > 1:
        errors.append(f"{name}: publishes host ports but runs {svc['deploy']['replicas']} replicas (they would clash)")

env_file = os.path.join(root, ".env")
if os.path.exists(env_file):
    for line in open(env_file):
        if line.startswith("COMPOSE_PROFILES="):
            for p in line.strip().split("=", 1)[1].split(","):
                if p not in profiles:
                    errors.append(f".env: COMPOSE_PROFILES names profile '{p}', which no service has")

for e in errors:
    print("compose:", e)
print(f"compose: {len(services)} services, profiles {sorted(profiles)}, {len(settings)} settings sections known: "
      + ("OK" if not errors else f"{len(errors)} problem(s)"))
sys.exit(1 if errors else 0)
