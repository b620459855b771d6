#!/bin/sh
# memcheck.sh GLUEBENCH: one smoke run of the `overhead` scenario with the
# harness under valgrind memcheck (workers run natively: no
# --trace-children).  Fails on any memcheck error or definite leak, in the
# harness or in its forked manifest loaders; exit 77 (skipped) without
# valgrind.
gluebench=$1
if ! command -v valgrind >/dev/null 2>&1; then
  echo "memcheck: valgrind is missing; skipped"
  exit 77
fi
out=$(mktemp -d /tmp/gluebench-memcheck-XXXXXX)
log="$out.valgrind.log"
valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite -q \
  --log-file="$log" "$gluebench" run overhead --profile smoke --out "$out/run"
rc=$?
# Lines of the form "==PID== ..." are memcheck's reports ("--PID--" lines
# are its notes, e.g. on the pidfd_open system call it does not know).
if grep -q '^==[0-9]*==' "$log"; then
  cat "$log"
  echo "memcheck: errors or definite leaks (above)"
  exit 1
fi
if [ "$rc" -ne 0 ]; then
  echo "memcheck: the harness exited $rc"
  exit 1
fi
rm -rf "$out" "$log"
echo "memcheck: no errors, no definite leaks"
