#!/bin/sh
# Make sure PostgreSQL server binaries exist for the storage tests.
#
# Installs Debian's `postgresql` package when no server binary is found under
# /usr/lib/postgresql/*/bin. Silent and quick when one is already there.
# The tests run their own private server (tests/support/postgres.py); the
# distribution's cluster service is kept from starting during the install.
set -eu

has_server() {
    for binary in /usr/lib/postgresql/*/bin/postgres; do
        [ -x "$binary" ] && return 0
    done
    return 1
}

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    else
        sudo "$@"
    fi
}

has_server && exit 0

echo "install-postgres: installing Debian's postgresql package" >&2

# policy-rc.d exit code 101 tells invoke-rc.d not to start services.
# Only add one when the machine has none, and remove only our own.
policy=/usr/sbin/policy-rc.d
if [ ! -e "$policy" ]; then
    as_root sh -c "printf '#!/bin/sh\nexit 101\n' > $policy && chmod 755 $policy"
    trap 'as_root rm -f "$policy"' EXIT
fi

as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
as_root env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends postgresql >/dev/null

if ! has_server; then
    echo "install-postgres: postgresql installed but no server binary found" >&2
    exit 1
fi
