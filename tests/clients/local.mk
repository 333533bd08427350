## tests/clients/local.mk -- make check-clients: real CAT-side readers
## (Translate Toolkit, OmegaT) load what tmgloss exports.  Not part of
## make check: it needs Java and Debian's translate-toolkit and omegat.
EXTRA_DIST += tests/clients/check-clients.sh tests/clients/tt-check.py \
	tests/clients/tmx-pairs.py tests/clients/doc-make.py \
	tests/clients/doc-check.py tests/clients/xsd

check-clients: all
	TMGLOSS='$(abs_top_builddir)/src/tmgloss' \
	top_srcdir='$(abs_top_srcdir)' \
	$(SHELL) $(top_srcdir)/tests/clients/check-clients.sh

.PHONY: check-clients
