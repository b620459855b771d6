/* interrupt.h: Ctrl-C handling.  SIGINT and SIGTERM set a flag that the
 * runner polls between steps and that worker reads notice (poll() returns
 * EINTR), so a run stops at the next safe point with its files intact. */
#ifndef GB_INTERRUPT_H
#define GB_INTERRUPT_H

void interrupt_install(void);
int interrupt_requested(void);

#endif
