/*
 * thread.c -- the text layer's per-thread objects, freed when their thread
 * ends.
 *
 * keys.c, tokens.c and segment.c keep ICU objects and buffers per thread
 * (_Thread_local caches).  Each registers its cleanup here on first use by
 * a thread; one pthread key whose destructor runs the calling thread's
 * cleanups frees them when the thread ends, and text_cleanup() runs them
 * at once (how the main thread frees its own at exit).  No module knows
 * the others: this file is the only one that knows they all have something
 * to free.
 */
#include <config.h>

#include <pthread.h>
#include <stddef.h>

#include "text/text-internal.h"
#include "text/text.h"

/* More than the layer's modules with a per-thread cache. */
#define MAX_CLEANUPS 4

static _Thread_local struct {
	int registered;                  /* the key's value is set */
	void (*cleanup[MAX_CLEANUPS])(void);
	size_t count;
} thread;

static pthread_key_t key;
static pthread_once_t key_once = PTHREAD_ONCE_INIT;
static int key_made;

static void
run_cleanups(void)
{
	for (size_t i = 0; i < thread.count; i++)
		thread.cleanup[i]();
}

static void
thread_ends(void *unused)
{
	(void)unused;
	run_cleanups();
	/* a later key destructor that uses the layer registers again */
	thread.count = 0;
	thread.registered = 0;
}

static void
make_key(void)
{
	key_made = pthread_key_create(&key, thread_ends) == 0;
}

void
text_thread_register(void (*cleanup)(void))
{
	for (size_t i = 0; i < thread.count; i++)
		if (thread.cleanup[i] == cleanup)
			return;
	if (thread.count < MAX_CLEANUPS)
		thread.cleanup[thread.count++] = cleanup;
	if (thread.registered)
		return;
	pthread_once(&key_once, make_key);
	if (key_made && pthread_setspecific(key, &thread) == 0)
		thread.registered = 1;
}

void
text_cleanup(void)
{
	run_cleanups();
}
