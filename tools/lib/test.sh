# test.sh: `tools/dev test`: unit tests, then HTTP and browser tests against a fresh
# stack under var/test/, counted into one closing line "N passed, N failed".
# A stage that cannot run, or runs no test, counts as one failure.

TEST_PASSED=0
TEST_FAILED=0
TEST_FAILED_STAGES=()

count_results() {
	local stage=$1 passed=$2 failed=$3

	TEST_PASSED=$((TEST_PASSED + passed))
	TEST_FAILED=$((TEST_FAILED + failed))
	say "$stage: $passed passed, $failed failed"
	if ((failed > 0)); then
		TEST_FAILED_STAGES+=("$stage")
	fi
}

# Record a stage that could not run or ran no test, with where to look.
fail_stage() {
	local stage=$1 reason=$2

	warn "stage $stage failed: $reason"
	TEST_FAILED=$((TEST_FAILED + 1))
	TEST_FAILED_STAGES+=("$stage")
}

print_summary() {
	if ((${#TEST_FAILED_STAGES[@]} > 0)); then
		say "failed stages: ${TEST_FAILED_STAGES[*]}"
	fi
	printf '%d passed, %d failed\n' "$TEST_PASSED" "$TEST_FAILED"
}

# Count the automake TAP driver's results: PASS and XFAIL pass; FAIL, XPASS and ERROR
# (a crash or a missing plan) fail; SKIP counts as neither.
count_unit_results() {
	local dir=$1 passed failed

	passed=$(find "$dir" -name '*.trs' -exec cat {} + 2>/dev/null |
		grep -c -E '^:test-result: (PASS|XFAIL)' || true)
	failed=$(find "$dir" -name '*.trs' -exec cat {} + 2>/dev/null |
		grep -c -E '^:test-result: (FAIL|XPASS|ERROR)' || true)
	printf '%s %s\n' "$passed" "$failed"
}

run_unit_tests() {
	local dir=$1 log=$LOG_DIR/unit-tests-${1##*/}.log passed failed status=0

	say "running unit tests in $dir (log: $log; per-test logs: $dir/test-suite.log)"
	find "$dir" -name '*.trs' -delete 2>/dev/null || true
	make -C "$dir" -j2 check >"$log" 2>&1 || status=$?
	read -r passed failed < <(count_unit_results "$dir")
	if ((passed + failed == 0)); then
		show_log_tail "$log"
		fail_stage unit "make check (status $status) produced no test result; see $log"
		return
	fi
	count_results unit "$passed" "$failed"
	if ((status != 0 && failed == 0)); then
		show_log_tail "$log"
		fail_stage unit "make check exited with status $status; see $log"
	elif ((failed > 0)); then
		warn "failed unit tests are listed in $dir/test-suite.log"
	fi
}

test_stack_init() {
	local port=${RATUSZ_TEST_PORT:-8181}

	check_port RATUSZ_TEST_PORT "$port"
	stack_init "$REPO/var/test" "$port" "$1"
}

# Stop whatever a previous or the current test run left running under var/test/.
test_stack_stop() {
	test_stack_init "${STACK_BUILD:-$REPO/build}"
	dispatcher_stop
	catcher_stop
	nginx_stop
	fcgi_stop
	mariadb_stop
}

# Start a fresh test stack: new data directory, database, configuration and logs.
test_stack_start() {
	local build=$1 workers=${RATUSZ_WORKERS:-2}

	test_stack_stop
	rm -rf "$REPO/var/test"
	test_stack_init "$build"
	mkdir -p "$STACK_VAR/asan"
	mariadb_start
	mariadb_provision
	# Free ports, so test runs of other checkouts on this machine do not collide.
	catcher_start 0 0
	# Map tiles of the report form come from this origin; the browser tests answer
	# these requests themselves, so no tile server is needed.
	STACK_TILE_URL='/kafelki-testowe/{z}/{x}/{y}.png'
	STACK_TILE_ATTRIBUTION='Kafelki testowe <b>©</b>'
	stack_write_config "$workers"
	stack_migrate
	stack_load_data
	fcgi_start
	nginx_write_config "$workers"
	nginx_start
	wait_for_health
	dispatcher_start
	say "test stack is running at $STACK_URL/"
}

# Print the environment of every test program: where the stack is and how to reach it.
test_environment() {
	printf '%s\n' \
		"RATUSZ_URL=$STACK_URL" \
		"RATUSZ_MASTER_PIDFILE=$FCGI_PIDFILE" \
		"RATUSZ_CONFIG=$STACK_CONF" \
		"RATUSZ_BIN=$STACK_BUILD" \
		"RATUSZ_VAR=$STACK_VAR" \
		"RATUSZ_DB_SOCKET=$DB_SOCKET" \
		"RATUSZ_MAIL_DIR=$STACK_VAR/mail" \
		"RATUSZ_CATCHER=$REPO/tools/smtp-catcher" \
		"RATUSZ_CHROMIUM=/usr/bin/chromium" \
		"PYTHONDONTWRITEBYTECODE=1"
}

# Read the results of `python3 -m unittest -v`: "Ran N tests" and the closing "OK" or
# "FAILED (failures=F, errors=E, skipped=S, expected failures=X, unexpected successes=U)".
# F and E count failed subtests one by one, so the failed tests are counted from their
# distinct "FAIL: name (id)" and "ERROR: name (id)" headings instead.
count_unittest_results() {
	local log=$1 ran failed skipped=0 unexpected=0 line

	ran=$(sed -n 's/^Ran \([0-9]*\) tests\{0,1\} in .*/\1/p' "$log" | tail -n 1)
	[[ -n $ran ]] || return 1
	line=$(grep -E '^(OK|FAILED)( \(|$)' "$log" | tail -n 1 || true)
	[[ $line =~ (\(|, )skipped=([0-9]+) ]] && skipped=${BASH_REMATCH[2]}
	[[ $line =~ (\(|, )"unexpected successes="([0-9]+) ]] && unexpected=${BASH_REMATCH[2]}
	failed=$(grep -E '^(FAIL|ERROR): ' "$log" |
		sed -E 's/^(FAIL|ERROR): ([^ ]+ \([^)]*\)).*/\2/' | sort -u | wc -l || true)
	if ((failed == 0)) && [[ $line == FAILED* ]]; then
		failed=1
	fi
	failed=$((failed + unexpected))
	ran=$((ran - failed - skipped))
	printf '%s %s\n' $((ran > 0 ? ran : 0)) "$failed"
}

run_http_tests() {
	local log=$STACK_VAR/log/http-tests.log passed failed status=0
	local -a environment

	mapfile -t environment < <(test_environment)
	say "running HTTP tests (log: $log)"
	(cd "$REPO" && env "${environment[@]}" "${STACK_ENV[@]}" \
		/usr/bin/python3 -m unittest discover -s tests/http -p "${TEST_ONLY:-test_*}.py" -v) \
		</dev/null 2>&1 | tee "$log" || status=$?
	if ! read -r passed failed < <(count_unittest_results "$log"); then
		fail_stage http "unittest printed no result (status $status); see $log"
		return
	fi
	if ((passed + failed == 0)); then
		fail_stage http "no HTTP test found in tests/http; see $log"
		return
	fi
	count_results http "$passed" "$failed"
	if ((status != 0 && failed == 0)); then
		fail_stage http "unittest exited with status $status; see $log"
	fi
}

# npm ci runs only when node_modules is missing or older than package-lock.json,
# because it deletes and reinstalls node_modules every time.
ensure_node_modules() {
	local log=$LOG_DIR/npm.log

	if [[ -f $REPO/node_modules/.package-lock.json &&
		$REPO/node_modules/.package-lock.json -nt $REPO/package-lock.json ]]; then
		return 0
	fi
	say "installing npm packages with npm ci (log: $log)"
	(cd "$REPO" && npm ci --no-audit --no-fund) </dev/null >"$log" 2>&1
}

# Read node's TAP summary: "# pass N", "# fail N", "# cancelled N" (cancelled fails).
count_node_results() {
	local log=$1 passed failed cancelled

	passed=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$log" | tail -n 1)
	failed=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$log" | tail -n 1)
	cancelled=$(sed -n 's/^# cancelled \([0-9]*\)$/\1/p' "$log" | tail -n 1)
	[[ -n $passed && -n $failed ]] || return 1
	printf '%s %s\n' "$passed" $((failed + ${cancelled:-0}))
}

run_browser_tests() {
	local log=$STACK_VAR/log/browser-tests.log passed failed status=0
	local -a environment files

	shopt -s nullglob
	files=("$REPO"/tests/browser/${TEST_ONLY:-*}.test.mjs)
	shopt -u nullglob
	if ((${#files[@]} == 0)); then
		fail_stage browser "no tests/browser/*.test.mjs file found"
		return
	fi
	if ! ensure_node_modules; then
		show_log_tail "$LOG_DIR/npm.log"
		fail_stage browser "npm ci failed; see $LOG_DIR/npm.log"
		return
	fi
	mapfile -t environment < <(test_environment)
	say "running browser tests (log: $log)"
	(cd "$REPO" && env "${environment[@]}" "${STACK_ENV[@]}" \
		node --test --test-reporter=tap "${files[@]}") </dev/null 2>&1 | tee "$log" || status=$?
	if ! read -r passed failed < <(count_node_results "$log"); then
		fail_stage browser "node --test printed no result (status $status); see $log"
		return
	fi
	if ((passed + failed == 0)); then
		fail_stage browser "node --test ran no test; see $log"
		return
	fi
	count_results browser "$passed" "$failed"
	if ((status != 0 && failed == 0)); then
		fail_stage browser "node --test exited with status $status; see $log"
	fi
}

# Programs of the sanitizer build write their reports under var/test/asan/ (set in
# sanitizer_environment); each report file counts as one failure. Workers report
# leaks when they exit, so this runs after the stack has stopped.
check_sanitizer_reports() {
	local dir=$REPO/var/test/asan report count=0

	shopt -s nullglob
	for report in "$dir"/*; do
		[[ -s $report ]] || continue
		warn "sanitizer report $report:"
		head -n 30 "$report" >&2
		count=$((count + 1))
	done
	shopt -u nullglob
	if ((count > 0)); then
		count_results sanitizer 0 "$count"
	else
		say "sanitizer: no report in $dir"
	fi
}

sanitizer_environment() {
	local dir=$REPO/var/test/asan

	printf '%s\n' \
		"ASAN_OPTIONS=log_path=$dir/asan:detect_leaks=1:halt_on_error=1" \
		"UBSAN_OPTIONS=log_path=$dir/ubsan:print_stacktrace=1:halt_on_error=0"
}

# EXIT trap of `tools/dev test`: stop the test stack, count sanitizer reports and
# print the closing line, whatever stage ended the run.
test_finish() {
	local status=$?

	trap - EXIT INT TERM
	if [[ -n ${TEST_INTERRUPTED:-} ]]; then
		warn "test run interrupted by a signal"
		TEST_FAILED=$((TEST_FAILED + 1))
		TEST_FAILED_STAGES+=(interrupted)
	elif ((status != 0 && TEST_FAILED == 0)); then
		# The stage printed its own error before it ended the run.
		TEST_FAILED=1
		TEST_FAILED_STAGES+=("${TEST_STAGE:-setup}")
	fi
	if [[ -n ${TEST_STACK_STARTED:-} ]]; then
		test_stack_stop
	fi
	if [[ ${TEST_MODE:-} == sanitize && -n ${TEST_STACK_STARTED:-} ]]; then
		check_sanitizer_reports
	fi
	print_summary
	if ((TEST_FAILED > 0)); then
		exit 1
	fi
	exit 0
}

cmd_test() {
	local build=$REPO/build

	TEST_MODE=plain
	TEST_ONLY=
	while (($# > 0)); do
		case $1 in
		--sanitize)
			TEST_MODE=sanitize
			build=$REPO/build-asan
			;;
		--only)
			[[ -n ${2:-} ]] || die "test: --only needs a file name pattern, such as 'test_report*'"
			TEST_ONLY=$2
			shift
			;;
		*) die "test: unknown option '$1'; use tools/dev test [--sanitize] [--only PATTERN]" ;;
		esac
		shift
	done
	mkdir -p "$LOG_DIR"
	# Runs in one checkout share var/test and build/, so they wait for each other.
	exec 9>"$REPO/var/test.lock"
	if ! flock -n 9; then
		echo "dev: another test run holds $REPO/var/test.lock; waiting for it" >&2
		flock 9
	fi
	trap test_finish EXIT
	trap 'TEST_INTERRUPTED=1; exit 130' INT TERM

	TEST_STAGE=packages
	(ensure_packages) || exit 1
	TEST_STAGE=build
	(build_tree "$build" "$TEST_MODE") || exit 1
	# --only runs the HTTP and browser test files whose names match, without unit tests.
	if [[ -z $TEST_ONLY ]]; then
		TEST_STAGE=unit
		run_unit_tests "$build"
	elif ! make -C "$build" -j2 check TESTS= >"$LOG_DIR/check-programs.log" 2>&1; then
		# HTTP tests also run helper programs of check_PROGRAMS (tests/report_cli).
		show_log_tail "$LOG_DIR/check-programs.log"
		fail_stage build "the test programs did not build; see $LOG_DIR/check-programs.log"
		exit 1
	fi

	TEST_STAGE=stack
	STACK_ENV=(RATUSZ_TEST_HOOKS=1)
	if [[ $TEST_MODE == sanitize ]]; then
		mapfile -t -O 1 STACK_ENV < <(sanitizer_environment)
	fi
	TEST_STACK_STARTED=1
	if ! (test_stack_start "$build"); then
		fail_stage stack "the test stack did not start; its logs are in $REPO/var/test/log"
		exit 1
	fi
	test_stack_init "$build"
	TEST_STAGE=http
	run_http_tests
	TEST_STAGE=browser
	if [[ -z $TEST_ONLY ]] || compgen -G "$REPO/tests/browser/$TEST_ONLY.test.mjs" >/dev/null; then
		run_browser_tests
	fi
	exit 0
}
