"""The command line: help on every verb, documented exit codes on misuse."""

from gbsupport import check, run

for verb in ("list", "run", "check", "report", "plot"):
    result = run(verb, "--help")
    check(result.returncode == 0 and "usage: gluebench " + verb in result.stdout,
          "%s --help prints its usage" % verb)
check(run("--help").returncode == 0, "gluebench --help")
check(run().returncode == 2, "no verb is bad usage")
check(run("frobnicate").returncode == 2, "an unknown verb is bad usage")
check(run("run", "--profile", "huge").returncode == 2, "an unknown profile is bad usage")
check(run("report", "/nonexistent").returncode == 2, "report on a missing folder")
listing = run("list")
check(listing.returncode == 0 and "boundary" in listing.stdout, "list shows boundary")
print("ok")
