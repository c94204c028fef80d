# build.sh: autoreconf, configure and make in a build directory (build/ or build-asan/).

SANITIZE_FLAGS="-fsanitize=address,undefined -fno-omit-frame-pointer -g -O1"

# autoreconf when configure is missing or older than configure.ac or Makefile.am.
ensure_configure_script() {
	local log=$1

	if [[ -x $REPO/configure && $REPO/configure -nt $REPO/configure.ac &&
		$REPO/configure -nt $REPO/Makefile.am ]]; then
		return 0
	fi
	say "running autoreconf -fi"
	if ! (cd "$REPO" && autoreconf -fi) >>"$log" 2>&1; then
		show_log_tail "$log"
		die "stage build failed: autoreconf; see $log"
	fi
}

# Configure the build directory $1 when it has no config.status or configure changed.
# With $2 = sanitize, the build gets ASan and UBSan in CFLAGS and LDFLAGS.
ensure_configured() {
	local dir=$1 mode=$2 log=$3
	local -a args=()

	if [[ -f $dir/config.status && $dir/config.status -nt $REPO/configure ]]; then
		return 0
	fi
	if [[ $mode == sanitize ]]; then
		args=("CFLAGS=$SANITIZE_FLAGS" "LDFLAGS=$SANITIZE_FLAGS")
	fi
	say "configuring $dir"
	mkdir -p "$dir"
	if ! (cd "$dir" && "$REPO/configure" "${args[@]}") >>"$log" 2>&1; then
		show_log_tail "$log"
		die "stage build failed: configure in $dir; see $log and $dir/config.log"
	fi
}

# Build everything, including the unit test programs, in build/ or build-asan/.
build_tree() {
	local dir=$1 mode=${2:-plain}
	local log=$LOG_DIR/${dir##*/}.log

	: >"$log"
	ensure_configure_script "$log"
	ensure_configured "$dir" "$mode" "$log"
	say "building in $dir (log: $log)"
	if ! make -C "$dir" -j2 all >>"$log" 2>&1; then
		show_log_tail "$log"
		die "stage build failed: make in $dir; see $log"
	fi
}
