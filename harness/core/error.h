/* error.h: the harness's one way to report an error.
 *
 * A function that can fail returns -1 (or NULL) and fills a gb_error with a
 * message that names the file and line, or the scenario and variant.  Only
 * main() prints it and chooses the exit code.
 */
#ifndef GB_ERROR_H
#define GB_ERROR_H

#define GB_ERROR_LEN 1024

typedef struct gb_error {
    char msg[GB_ERROR_LEN];
} gb_error;

/* Exit codes of the gluebench command (README, "Exit codes"). */
enum {
    GB_EXIT_OK = 0,
    GB_EXIT_VARIANT_FAILED = 1,
    GB_EXIT_USAGE = 2,          /* bad usage or a bad manifest */
    GB_EXIT_IO = 3,             /* an I/O or system error: a file could not be written */
    GB_EXIT_HANGUP = 129,       /* SIGHUP: stopped, files valid */
    GB_EXIT_INTERRUPTED = 130,  /* SIGINT (Ctrl-C): stopped, files valid */
    GB_EXIT_TERMINATED = 143,   /* SIGTERM: stopped, files valid */
};

/* Formats the message into err (when err is not NULL) and returns -1. */
int gb_fail(gb_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
