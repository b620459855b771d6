"""SIGHUP of the harness mid-run (the terminal closed): exit 129, every
CSV valid, and `gluebench report` says the run is incomplete."""

import signal

from test_faults_sigkill import stopped_run

stopped_run(signal.SIGHUP, 129)
print("ok")
