# mariadb.sh: a private MariaDB server for one stack: data, socket, pid and log under
# $STACK_VAR, no TCP listener. Other programs on the machine are not touched.

mariadb_paths() {
	DB_DATADIR=$STACK_VAR/mysql
	DB_SOCKET=$STACK_VAR/run/mysqld.sock
	DB_PIDFILE=$STACK_VAR/run/mysqld.pid
	DB_LOG=$STACK_VAR/log/mysqld.log
	DB_PASSWORD_FILE=$STACK_VAR/db-password
}

# mariadbd rejects running as root without --user=root. Any other user runs it as itself.
mariadb_os_user() {
	if ((EUID == 0)); then
		printf 'root\n'
	else
		id -un
	fi
}

# The administrator account that mariadb-install-db creates, authenticated by the
# unix_socket plugin as the same operating-system user.
mariadb_admin() {
	mariadb --no-defaults --socket="$DB_SOCKET" --user="$(mariadb_os_user)" \
		--default-character-set=utf8mb4 "$@"
}

mariadb_initialise() {
	[[ -d $DB_DATADIR/mysql ]] && return 0

	say "initialising MariaDB data directory $DB_DATADIR"
	mkdir -p "$DB_DATADIR"
	if ! mariadb-install-db --no-defaults --datadir="$DB_DATADIR" \
		--user="$(mariadb_os_user)" --skip-test-db \
		--auth-root-authentication-method=socket >>"$DB_LOG" 2>&1; then
		show_log_tail "$DB_LOG"
		die "stage database failed: mariadb-install-db; see $DB_LOG"
	fi
}

# innodb_flush_log_at_trx_commit=2 trades the last second of commits on an operating
# system crash for faster tests; acceptable for development data only.
mariadb_launch() {
	setsid mariadbd --no-defaults \
		--datadir="$DB_DATADIR" \
		--socket="$DB_SOCKET" \
		--pid-file="$DB_PIDFILE" \
		--log-error="$DB_LOG" \
		--tmpdir="$STACK_VAR/tmp" \
		--user="$(mariadb_os_user)" \
		--skip-networking \
		--skip-log-bin \
		--character-set-server=utf8mb4 \
		--collation-server=utf8mb4_polish_ci \
		--innodb-buffer-pool-size=128M \
		--innodb-flush-log-at-trx-commit=2 \
		</dev/null >>"$DB_LOG" 2>&1 &
	printf '%s\n' "$!"
}

# Start the server unless it already runs, then wait up to 60 seconds for a ping reply.
mariadb_start() {
	local pid i

	mariadb_paths
	check_socket_path "$DB_SOCKET"
	if running_pid "$DB_PIDFILE" mariadbd >/dev/null; then
		return 0
	fi
	mariadb_initialise
	say "starting MariaDB (socket $DB_SOCKET, log $DB_LOG)"
	pid=$(mariadb_launch)
	for ((i = 0; i < 600; i++)); do
		if mariadb-admin --no-defaults --socket="$DB_SOCKET" \
			--user="$(mariadb_os_user)" ping >/dev/null 2>&1; then
			return 0
		fi
		if [[ ! -e /proc/$pid ]]; then
			break
		fi
		sleep 0.1
	done
	show_log_tail "$DB_LOG"
	die "stage database failed: MariaDB did not start; see $DB_LOG"
}

mariadb_stop() {
	mariadb_paths
	stop_pidfile "$DB_PIDFILE" mariadbd "MariaDB"
}

# Create the database and the portal's account; the password is generated once and
# kept in $STACK_VAR/db-password. Safe to repeat.
mariadb_provision() {
	local password

	mariadb_paths
	if [[ ! -s $DB_PASSWORD_FILE ]]; then
		(umask 077 && random_token >"$DB_PASSWORD_FILE")
	fi
	password=$(<"$DB_PASSWORD_FILE")
	if ! mariadb_admin >>"$DB_LOG" 2>&1 <<-SQL; then
		CREATE DATABASE IF NOT EXISTS ratusz
		    CHARACTER SET utf8mb4 COLLATE utf8mb4_polish_ci;
		CREATE USER IF NOT EXISTS 'ratusz'@'localhost' IDENTIFIED BY '$password';
		ALTER USER 'ratusz'@'localhost' IDENTIFIED BY '$password';
		GRANT ALL PRIVILEGES ON ratusz.* TO 'ratusz'@'localhost';
	SQL
		show_log_tail "$DB_LOG"
		die "stage database failed: could not create database ratusz or its user; see $DB_LOG"
	fi
}
