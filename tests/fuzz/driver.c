/*
 * driver.c -- runs a fuzz target without libFuzzer: LLVMFuzzerTestOneInput()
 * once on each file named on the command line.  tests/fuzz/run.sh
 * --build-only links every target with it (CI checks that they build), and
 * make check runs the inputs kept in tests/data/fuzz/ through them.
 */
#include <config.h>

#include <stdio.h>

#include "fuzz.h"

int
main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		uint8_t *data = NULL;
		size_t size = 0, alloc = 0, n;

		if (f == NULL) {
			perror(argv[i]);
			return 1;
		}
		do {
			if (size == alloc) {
				alloc = alloc ? 2 * alloc : 65536;
				data = realloc(data, alloc);
				if (data == NULL)
					abort();
			}
			n = fread(data + size, 1, alloc - size, f);
			size += n;
		} while (n > 0);
		fclose(f);
		LLVMFuzzerTestOneInput(data, size);
		free(data);
	}
	return 0;
}
