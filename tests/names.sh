#!/bin/sh
# Names that say their file: every function the engine exports
# (src/libtmgloss.a) starts with its file's name (tmx-read.c: tmx_read_*)
# or with a prefix the table below gives that file, so that a reader who
# meets a name knows where to look.  A new file needs no line when its
# functions carry its name; a new prefix needs a line here, which is where
# a reviewer sees it.
. "$top_srcdir/tests/cli/test-lib.sh"

lib="$top_builddir/src/libtmgloss.a"

# FILE PREFIX...: a prefix matches a name equal to it or followed by "_";
# "x*" matches every name that begins with "x".
cat >prefixes <<'TABLE'
error tmg_error
xalloc xalloc x* alloc_grow strbuf write_all
unit unit attrs annotations tmx_date_normalize
concept concept term_status
thread text_thread text_cleanup
keys text_key text_append_key
tokens text_tokenize text_tokens token_kind_name
utf16 text_utf16 text_ubuf text_invalid_utf8 text_is_space text_base_language offset_cursor
segment text_sentences text_spans text_for_each_paragraph text_is_line_break boundaries
collate collator
termkey term_key term_keyer
xml-input xml_errors xml_reader_line xml_attribute xml_lang_attribute xml_node_attribute
tmx-read tmx_reader
tmx-write tmx_writer
tbx-read tbx_reader
tbx-write tbx_writer
srx-read srx_load
po-read po_reader
po-write po_rewrite
document doc_reader doc_fill
xliff-read xliff_reader
xliff-write xliff_rewrite
pending store_pending store_count_units_from store_units_from_at_most memory_unindexed_by_index
rows store_rows
collation collate_register
fuzzy-index fuzzy_index fuzzy_entry fuzzy_segment
suggest-index suggest_index suggest_entry suggest_keyer suggest_reader suggest_id_list
index-update memory_update_indexes memory_damaged_postings
terms term_finder term_hits
suggest suggester suggestions
extract extracted_terms
numbers numbers number_write
TABLE

# The exported functions as "FILE NAME" lines.
exported () {
	nm -g --defined-only "$1" | awk '
		/^[^ ]+\.o:$/ { file = $0; sub(/\.o:$/, "", file); next }
		$2 == "T" { print file, $3 }'
}

# The lines of "FILE NAME" input whose name says neither its file nor a
# prefix of the table.
misnamed () {
	awk 'NR == FNR {
		for (i = 2; i <= NF; i++) allowed[$1] = allowed[$1] " " $i
		next
	}
	{
		own = $1; gsub("-", "_", own)
		n = split(own " " allowed[$1], p, " ")
		ok = 0
		for (i = 1; i <= n && !ok; i++) {
			if (p[i] ~ /\*$/)
				ok = index($2, substr(p[i], 1, length(p[i]) - 1)) == 1
			else
				ok = $2 == p[i] || index($2, p[i] "_") == 1
		}
		if (!ok) print $1 ".c: " $2
	}' prefixes -
}

test_expect_success 'the engine exports functions (nm reads the library)' '
	exported "$lib" >symbols &&
	test $(wc -l <symbols) -gt 100
'

test_expect_success 'every exported name says its file' '
	misnamed <symbols >wrong &&
	test_cmp /dev/null wrong
'

test_expect_success 'a misnamed function is found' '
	printf "%s\n" "memory segment_build" "tmx-read tmx_writer_open" \
		"memory memory_open" "xalloc xmalloc" >fake &&
	misnamed <fake >wrong &&
	printf "%s\n" "memory.c: segment_build" "tmx-read.c: tmx_writer_open" >expect &&
	test_cmp expect wrong
'

test_done
