/*
 * srx-read.c -- reading an SRX file (Segmentation Rules eXchange 1.0 and
 * 2.0) into the text layer's struct srx_rules (text/srx.c applies them).
 *
 * The file is read with libxml2: no network, no DTD loading, every external
 * entity refused.  Elements are matched by local name, so the SRX 2.0
 * namespace and extensions (okpsrx:) do no harm.
 *
 * The language maps are the <languagemap>s under <maprules>, or under its
 * first <maprule> in SRX 1.0.  SRX 2.0 cascades when header@cascade is
 * "yes".  SRX 1.0 has no such attribute; we cascade, because the 1.0 files
 * in use (Heartsome's) map ".*" first and the language after it.
 * Indentation around an expression (white space that holds a line break,
 * as in Heartsome's files) is not part of it.
 */
#include <config.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "base/error.h"
#include "base/i18n.h"
#include "base/xalloc.h"
#include "formats/formats.h"
#include "formats/xml-input.h"
#include "text/text.h"

static int
is_element(const xmlNode *node, const char *name)
{
	return node->type == XML_ELEMENT_NODE &&
	       strcmp((const char *)node->name, name) == 0;
}

static int
is_xml_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The expression in an element (to free): its text, less indentation that
 * holds a line break.  NULL element: the empty expression. */
static char *
expression(const xmlNode *node)
{
	xmlChar *content = node ? xmlNodeGetContent(node) : NULL;
	const char *s = content ? (const char *)content : "";
	size_t start = 0, end = strlen(s), i;
	char *e;
	int newline = 0;

	for (i = 0; i < end && is_xml_space(s[i]); i++)
		newline |= s[i] == '\n' || s[i] == '\r';
	if (newline)
		start = i;
	newline = 0;
	for (i = end; i > start && is_xml_space(s[i - 1]); i--)
		newline |= s[i - 1] == '\n' || s[i - 1] == '\r';
	if (newline)
		end = i;
	e = xstrndup(s + start, end - start);
	if (content)
		xmlFree(content);
	return e;
}

static void
read_rule(struct srx_rules *r, const xmlNode *node)
{
	const xmlNode *before = NULL, *after = NULL;
	char *brk = xml_node_attribute(node, "break");
	char *b, *a;

	for (const xmlNode *c = node->children; c; c = c->next) {
		if (is_element(c, "beforebreak"))
			before = c;
		else if (is_element(c, "afterbreak"))
			after = c;
	}
	b = expression(before);
	a = expression(after);
	srx_rules_add_rule(r, brk == NULL || strcmp(brk, "no") != 0, b, a,
			   xmlGetLineNo(node));
	free(a);
	free(b);
	free(brk);
}

static int
read_languagerules(struct srx_rules *r, const char *path,
		   const xmlNode *node, struct tmg_error *err)
{
	for (const xmlNode *c = node->children; c; c = c->next) {
		char *name;

		if (!is_element(c, "languagerule"))
			continue;
		name = xml_node_attribute(c, "languagerulename");
		if (name == NULL) {
			tmg_error_set(err, path, xmlGetLineNo(c), 0, "%s",
				      _("<languagerule> without a "
					"languagerulename"));
			return -1;
		}
		srx_rules_add_language_rule(r, name);
		free(name);
		for (const xmlNode *k = c->children; k; k = k->next)
			if (is_element(k, "rule"))
				read_rule(r, k);
	}
	return 0;
}

static int
read_languagemap(struct srx_rules *r, const char *path, const xmlNode *node,
		 struct tmg_error *err)
{
	char *pattern = xml_node_attribute(node, "languagepattern");
	char *name = xml_node_attribute(node, "languagerulename");
	int rc = -1;

	if (pattern == NULL || name == NULL) {
		tmg_error_set(err, path, xmlGetLineNo(node), 0, "%s",
			      _("<languagemap> needs languagepattern and "
				"languagerulename"));
		goto out;
	}
	if (srx_rules_add_map(r, pattern, name, xmlGetLineNo(node)) < 0) {
		tmg_error_set(err, path, xmlGetLineNo(node), 0,
			      _("<languagemap> names the unknown language rule "
				"'%s'"), name);
		goto out;
	}
	rc = 0;
out:
	free(pattern);
	free(name);
	return rc;
}

static int
read_maprules(struct srx_rules *r, const char *path, const xmlNode *node,
	      int version1, struct tmg_error *err)
{
	for (const xmlNode *c = node->children; c; c = c->next) {
		if (is_element(c, "languagemap")) {
			if (read_languagemap(r, path, c, err) < 0)
				return -1;
		} else if (is_element(c, "maprule")) {
			if (read_maprules(r, path, c, version1, err) < 0)
				return -1;
			if (version1)
				break; /* SRX 1.0: the first maprule */
		}
	}
	return 0;
}

static int
read_document(struct srx_rules *r, const char *path, const xmlNode *root,
	      struct tmg_error *err)
{
	const xmlNode *body = NULL, *maprules = NULL;
	char *version = xml_node_attribute(root, "version");
	int version1;

	if (!is_element(root, "srx")) {
		tmg_error_set(err, path, xmlGetLineNo(root), 0,
			      _("not an SRX file (root element <%s>)"),
			      (const char *)root->name);
		free(version);
		return -1;
	}
	if (version == NULL || (strcmp(version, "1.0") != 0 &&
				strcmp(version, "2.0") != 0)) {
		tmg_error_set(err, path, xmlGetLineNo(root), 0,
			      _("unsupported SRX version '%s' (1.0 and 2.0 "
				"are)"), version ? version : "");
		free(version);
		return -1;
	}
	version1 = strcmp(version, "1.0") == 0;
	free(version);
	srx_rules_set_cascade(r, version1);
	for (const xmlNode *c = root->children; c; c = c->next) {
		if (is_element(c, "header") && !version1) {
			char *cascade = xml_node_attribute(c, "cascade");
			srx_rules_set_cascade(r, cascade &&
					      strcmp(cascade, "yes") == 0);
			free(cascade);
		} else if (is_element(c, "body")) {
			body = c;
		}
	}
	if (body == NULL) {
		tmg_error_set(err, path, xmlGetLineNo(root), 0, "%s",
			      _("SRX file without <body>"));
		return -1;
	}
	for (const xmlNode *c = body->children; c; c = c->next) {
		if (is_element(c, "languagerules") &&
		    read_languagerules(r, path, c, err) < 0)
			return -1;
		if (is_element(c, "maprules"))
			maprules = c;
	}
	/* maps name language rules: read them once all rules are known */
	if (maprules && read_maprules(r, path, maprules, version1, err) < 0)
		return -1;
	return 0;
}

struct srx_rules *
srx_load(const char *path, struct tmg_error *err)
{
	struct srx_rules *r = srx_rules_new(path);
	struct strbuf content = { 0 };
	xmlParserCtxtPtr ctxt;
	xmlDocPtr doc = NULL;
	struct xml_errors xerr;

	ctxt = xmlNewParserCtxt();
	if (ctxt == NULL) /* libxml2 fails only for want of memory here */
		xalloc_die();
	/* read the file ourselves: the refusing loader would refuse it too */
	if (strbuf_read_file(&content, path, err) < 0)
		goto fail;
	if (content.len > INT_MAX) {
		tmg_error_set(err, path, 0, 0, "%s", _("file too large"));
		goto fail;
	}
	xml_errors_init(&xerr, path);
	xerr.ctxt = ctxt;
	xml_errors_watch(&xerr);
	doc = xmlCtxtReadMemory(ctxt, content.buf, (int)content.len, path, NULL,
				XML_PARSE_NONET | XML_PARSE_NOENT |
				XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
				XML_PARSE_BIG_LINES);
	xml_errors_watch(NULL);
	strbuf_release(&content);
	if (xerr.entity_refused) {
		*err = xerr.error;
		goto fail;
	}
	if (doc == NULL) {
		const xmlError *e = xmlCtxtGetLastError(ctxt);
		char msg[512];

		snprintf(msg, sizeof msg, "%s",
			 e && e->message ? e->message : _("cannot read"));
		msg[strcspn(msg, "\n")] = '\0';
		tmg_error_set(err, path, e ? e->line : 0, 0, "%s", msg);
		goto fail;
	}
	if (xmlDocGetRootElement(doc) == NULL) {
		tmg_error_set(err, path, 0, 0, "%s", _("empty XML document"));
		goto fail;
	}
	if (read_document(r, path, xmlDocGetRootElement(doc), err) < 0)
		goto fail;
	xmlFreeDoc(doc);
	xmlFreeParserCtxt(ctxt);
	return r;
fail:
	strbuf_release(&content);
	if (doc)
		xmlFreeDoc(doc);
	if (ctxt)
		xmlFreeParserCtxt(ctxt);
	srx_free(r);
	return NULL;
}

