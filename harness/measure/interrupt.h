/* interrupt.h: SIGINT, SIGTERM and SIGHUP stop a run after the current
 * measurement; the files written so far stay valid.  SIGPIPE and SIGXFSZ
 * are ignored, so a broken pipe or a full disk is an error a writer
 * reports, not a death. */
#ifndef GB_INTERRUPT_H
#define GB_INTERRUPT_H

void interrupt_install(void);

/* 1 once a stop signal has arrived. */
int interrupt_requested(void);

/* 128 + the first stop signal (130 SIGINT, 143 SIGTERM, 129 SIGHUP), or 0. */
int interrupt_exit_code(void);

#endif
