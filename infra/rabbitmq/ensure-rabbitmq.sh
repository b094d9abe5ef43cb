#!/usr/bin/env bash
# Makes sure a RabbitMQ broker answers on 127.0.0.1:5672: installs the Debian package if it is missing,
# binds it to loopback only, starts it and waits until it is ready. Idempotent; needs root (as on CI).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

port_open() { (exec 3<>/dev/tcp/127.0.0.1/5672) 2>/dev/null; }

if port_open; then echo "rabbitmq: already listening on 127.0.0.1:5672"; exit 0; fi
if [[ $(id -u) -ne 0 ]]; then echo "rabbitmq: not running and not root; start a broker and set BH_TEST_RABBITMQ" >&2; exit 1; fi

if ! command -v rabbitmq-server >/dev/null 2>&1; then
  echo "rabbitmq: installing the Debian package…"
  export DEBIAN_FRONTEND=noninteractive
  # The package's post-install starts the broker on all interfaces; policy-rc.d keeps it from starting
  # until the loopback-only configuration below is in place.
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  apt-get update -qq >/dev/null
  apt-get install -y -qq rabbitmq-server >/dev/null
  rm -f /usr/sbin/policy-rc.d
fi

mkdir -p /etc/rabbitmq
install -m 0644 "$HERE/rabbitmq.conf" /etc/rabbitmq/rabbitmq.conf
install -m 0644 "$HERE/rabbitmq-env.conf" /etc/rabbitmq/rabbitmq-env.conf
export ERL_EPMD_ADDRESS=127.0.0.1
echo "rabbitmq: starting (loopback only)…"
rabbitmq-server -detached
rabbitmqctl await_startup --timeout 60 >/dev/null 2>&1 || true
for _ in $(seq 1 60); do port_open && { echo "rabbitmq: ready"; exit 0; }; sleep 1; done
echo "rabbitmq: did not start within 60 s; see /var/log/rabbitmq" >&2
exit 1
