/*
 * tmgloss.h -- the engine as the command line (or any program linking
 * libtmgloss) sees it: the public header of each layer, bottom to top.
 * doc/DESIGN.md tells what each layer does and what it may use.  No SQLite
 * type appears in these headers.
 */
#ifndef TMGLOSS_H
#define TMGLOSS_H

#include "base/error.h"
#include "base/records.h"
#include "text/text.h"
#include "formats/formats.h"
#include "store/store.h"
#include "index/index.h"
#include "search/search.h"

#endif /* TMGLOSS_H */
