/*
 * interrupt.h -- Ctrl-C (SIGINT) and SIGTERM during a command that writes:
 * the signal only sets a flag; import, index and export check it in their
 * loops, undo what they started (the transaction, the temporary file) and
 * leave through interrupt_exit().  progress.c has the handler.
 */
#ifndef TMGLOSS_CLI_INTERRUPT_H
#define TMGLOSS_CLI_INTERRUPT_H

/* The exit status after an interruption, as a shell reports SIGINT. */
#define EXIT_INTERRUPTED 130

/* From now on SIGINT and SIGTERM set the flag instead of ending the
 * process. */
void interrupt_catch(void);
/* Whether SIGINT or SIGTERM has arrived since interrupt_catch(). */
int interrupt_pending(void);
/* Print the one line that says so (clearing a progress line first) and
 * return EXIT_INTERRUPTED. */
int interrupt_exit(void);

#endif
