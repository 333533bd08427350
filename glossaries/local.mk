## glossaries/local.mk -- shipped glossaries, installed under $(pkgdatadir)/glossaries.
glossariesdir = $(pkgdatadir)/glossaries
dist_glossaries_DATA = glossaries/ai.fr-zh.tbx
