## glossaries/local.mk -- shipped glossaries, installed under $(pkgdatadir)/glossaries.
