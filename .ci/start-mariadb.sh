#!/usr/bin/env bash
# Starts (or reuses) a throwaway MariaDB on loopback for the MySQL leg of the test suite, and creates
# the test database and user. Used by .ci/run; developers can run it by hand too:
#
#   .ci/start-mariadb.sh          # start (idempotent) and provision
#   .ci/start-mariadb.sh status   # exit 0 if something answers on the port
#   .ci/start-mariadb.sh stop     # stop the server this script started (never someone else's)
#
#   DATABASE_URL=mysql://fieldbot:fieldbot@127.0.0.1:3306/fieldbot_test npm test
#
# There is no systemd on CI, so mariadbd runs directly in the background with its own datadir. The data
# is disposable: durability settings are relaxed because the suite creates and drops schemas a lot.
# Settings (environment): MARIADB_PORT (3306), MARIADB_HOME (/tmp/fieldbot-mariadb),
# MARIADB_DB (fieldbot_test), MARIADB_USER / MARIADB_PASSWORD (fieldbot / fieldbot).
set -euo pipefail

PORT=${MARIADB_PORT:-3306}
HOME_DIR=${MARIADB_HOME:-/tmp/fieldbot-mariadb}
DB=${MARIADB_DB:-fieldbot_test}
DB_USER=${MARIADB_USER:-fieldbot}
DB_PASSWORD=${MARIADB_PASSWORD:-fieldbot}

DATADIR=$HOME_DIR/data
SOCKET=$HOME_DIR/mariadb.sock
PIDFILE=$HOME_DIR/mariadb.pid
LOGFILE=$HOME_DIR/mariadb.err

log() { printf '[mariadb] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# "Something listening on the port speaks MySQL". `mariadb-admin ping` exits 0 when the server answers,
# even with "Access denied"; but it exits 1 on "Host '127.0.0.1' is not allowed to connect", which is
# what a fresh server says over TCP before any account exists for that host, so that counts as up too.
is_up() {
  local out
  out=$(mariadb-admin --no-defaults --protocol=tcp -h127.0.0.1 -P"$PORT" --connect-timeout=2 ping 2>&1) && return 0
  [[ $out == *"is not allowed to connect"* || $out == *"Access denied"* ]]
}

can_login_as_app_user() {
  mariadb --no-defaults --protocol=tcp -h127.0.0.1 -P"$PORT" -u"$DB_USER" -p"$DB_PASSWORD" "$DB" \
    -e 'SELECT 1' >/dev/null 2>&1
}

our_pid() {
  [[ -f $PIDFILE ]] || return 1
  local pid
  pid=$(<"$PIDFILE")
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

init_datadir() {
  [[ -d $DATADIR/mysql ]] && return 0
  log "initialising $DATADIR"
  mkdir -p "$DATADIR"
  chown -R "$RUN_AS" "$HOME_DIR"
  # The root account authenticates by unix socket (OS root only); no password to leak or remember.
  mariadb-install-db --no-defaults --user="$RUN_AS" --datadir="$DATADIR" \
    --auth-root-authentication-method=socket --skip-test-db >"$HOME_DIR/install-db.log" 2>&1 ||
    { cat "$HOME_DIR/install-db.log" >&2; die "mariadb-install-db failed"; }
}

start_server() {
  command -v mariadbd >/dev/null || die "mariadbd not found: apt-get install -y mariadb-server"
  # mariadbd refuses to run as root unless told; run it as the package's mysql user when there is one.
  if id mysql >/dev/null 2>&1; then RUN_AS=mysql; else RUN_AS=$(id -un); fi
  mkdir -p "$HOME_DIR"
  chown "$RUN_AS" "$HOME_DIR"
  init_datadir
  log "starting mariadbd on 127.0.0.1:$PORT (datadir $DATADIR, log $LOGFILE)"
  # --no-defaults: ignore /etc/mysql so a packaged config cannot move the port, socket or bind address.
  # setsid + nohup: the server outlives this script (developers keep it); .ci/run stops it by trap.
  setsid nohup mariadbd --no-defaults \
    --user="$RUN_AS" \
    --datadir="$DATADIR" \
    --socket="$SOCKET" \
    --pid-file="$PIDFILE" \
    --log-error="$LOGFILE" \
    --bind-address=127.0.0.1 \
    --port="$PORT" \
    --skip-name-resolve \
    --character-set-server=utf8mb4 \
    --collation-server=utf8mb4_unicode_ci \
    --max-connections=300 \
    --innodb-buffer-pool-size=256M \
    --innodb-flush-log-at-trx-commit=0 \
    --innodb-doublewrite=0 \
    --sync-binlog=0 \
    </dev/null >/dev/null 2>&1 &

  local i
  for ((i = 0; i < 60; i++)); do
    if is_up; then
      log "up after ~$((i / 2)) s"
      return 0
    fi
    sleep 0.5
  done
  tail -n 30 "$LOGFILE" >&2 2>/dev/null || true
  die "mariadbd did not answer on 127.0.0.1:$PORT within 30 s (see $LOGFILE)"
}

provision_sql() {
  cat <<SQL
CREATE DATABASE IF NOT EXISTS \`$DB\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS '$DB_USER'@'%' IDENTIFIED BY '$DB_PASSWORD';
CREATE USER IF NOT EXISTS '$DB_USER'@'localhost' IDENTIFIED BY '$DB_PASSWORD';
GRANT ALL PRIVILEGES ON \`$DB\`.* TO '$DB_USER'@'%', '$DB_USER'@'localhost';
-- Also databases named like the test one (fieldbot_test_1, ...) in case a suite wants one per worker.
GRANT ALL PRIVILEGES ON \`${DB//_/\\_}\\_%\`.* TO '$DB_USER'@'%', '$DB_USER'@'localhost';
FLUSH PRIVILEGES;
SQL
}

provision() {
  if can_login_as_app_user; then
    log "database $DB and user $DB_USER already usable"
    return 0
  fi
  # Our own server: root over our socket. A server someone else started (e.g. the Debian package's own
  # service): root over the default socket, then over TCP; unix_socket auth lets OS root in without a password.
  local attempt
  for attempt in "--protocol=socket -S $SOCKET" "" "--protocol=tcp -h127.0.0.1 -P$PORT"; do
    # shellcheck disable=SC2086 # $attempt is a list of options on purpose
    if provision_sql | mariadb $attempt -uroot >/dev/null 2>&1; then
      can_login_as_app_user || die "provisioned, but $DB_USER still cannot log in to $DB on 127.0.0.1:$PORT"
      log "created database $DB and user $DB_USER"
      return 0
    fi
  done
  die "a server answers on 127.0.0.1:$PORT but root cannot log in to create $DB/$DB_USER; create them by hand:
$(provision_sql)"
}

cmd_start() {
  if is_up; then
    log "a server already answers on 127.0.0.1:$PORT; reusing it"
  else
    start_server
  fi
  provision
  log "ready: mysql://$DB_USER:$DB_PASSWORD@127.0.0.1:$PORT/$DB"
}

cmd_stop() {
  local pid i
  if ! pid=$(our_pid); then
    log "no server started by this script is running (pid file $PIDFILE)"
    return 0
  fi
  log "stopping mariadbd (pid $pid)"
  kill -TERM "$pid"
  for ((i = 0; i < 60; i++)); do
    kill -0 "$pid" 2>/dev/null || { log "stopped"; return 0; }
    sleep 0.5
  done
  log "still running after 30 s; sending KILL"
  kill -KILL "$pid" 2>/dev/null || true
}

cmd_status() {
  if is_up; then
    log "up on 127.0.0.1:$PORT"
  else
    log "nothing answers on 127.0.0.1:$PORT"
    return 1
  fi
}

case "${1:-start}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) die "usage: $0 [start|stop|status]" ;;
esac
