/*
 * cmd-serve.c -- tmgloss serve: the memory as an HTTP service, for CAT
 * tools (the tmserver API of Translate Toolkit and amaGama) and scripts
 * (/api/v1/, the command line's JSON); doc/api.md says what it answers.
 *
 * This file is the command's options and help, the same in both
 * programs.  Its run, serve_run(), is the server in tmgloss-serve
 * (serve-start.c), the only program linked with libmicrohttpd, Jansson
 * and GnuTLS; in tmgloss (serve-exec.c) it hands the command line to
 * tmgloss-serve, so that the other commands never load those libraries.
 */
#include <config.h>

#include "serve.h"

static const struct serve_args serve_defaults = {
	.listen = "127.0.0.1:8080",
	.threads = 0,
	.max_body = "256M",
	.timeout = 30,
};

static const struct cli_option serve_options[] = {
	CLI_STRING("listen", 0, "ADDR:PORT", struct serve_args, listen,
		   N_("where to listen (default 127.0.0.1:8080; port 0:\n"
		      "any free one, said on the first log line)")),
	CLI_SWITCH("read-only", 0, struct serve_args, read_only,
		   N_("refuse every write (403)")),
	CLI_STRING("token-file", 0, "FILE", struct serve_args, token_file,
		   N_("writes need 'Authorization: Bearer TOKEN', TOKEN\n"
		      "the first line of FILE")),
	CLI_NUMBER("threads", "N", struct serve_args, threads, 1, 256,
		   N_("worker threads (default: one per processor)")),
	CLI_STRING("tls-cert", 0, "FILE", struct serve_args, tls_cert,
		   N_("serve HTTPS with this certificate (PEM)")),
	CLI_STRING("tls-key", 0, "FILE", struct serve_args, tls_key,
		   N_("and this private key (PEM)")),
	CLI_STRING("max-body", 0, "SIZE", struct serve_args, max_body,
		   N_("largest request body (default 256M; K, M, G)")),
	CLI_NUMBER("timeout", "SECONDS", struct serve_args, timeout, 1, 3600,
		   N_("close a connection idle this long (default 30)")),
	CLI_STRING("log", 0, "FILE", struct serve_args, log,
		   N_("append the request log to FILE (default: standard\n"
		      "error)")),
	CLI_OPTIONS_END
};

const struct command cmd_serve_entry = {
	.name = "serve",
	.summary = N_("Serve the memory over HTTP (tmserver API and JSON)."),
	.usage = N_("[--listen ADDR:PORT] [--read-only] [--token-file FILE] "
		    "[--threads N] [--tls-cert F --tls-key F] [--max-body SIZE] "
		    "[--log FILE]"),
	.help = N_(
"Answers CAT tools and scripts over HTTP until SIGTERM or Ctrl-C, which\n"
"let the requests under way finish.  Translate Toolkit's tmserver API\n"
"(as Virtaal and amaGama clients speak it):\n"
"  GET /SRC/TGT/unit/TEXT (also under /tmserver/): the matches of TEXT,\n"
"  best first, as [{\"source\", \"target\", \"context\", \"quality\"}];\n"
"  ?min_similarity= (default 75) and ?max_candidates= (default 3);\n"
"  PUT or POST there with {\"source\", \"target\", \"context\"}: store a\n"
"  unit; DELETE: forget the units whose source is TEXT.\n"
"And /api/v1/ (match, concord, terms, suggest, stats, origins, import,\n"
"export) with the same JSON as --format=json: see doc/api.md.\n"
"\n"
"Reads are open; a write needs the token of --token-file.  A\n"
"non-loopback address is refused without --token-file or --read-only.\n"
"One line per request goes to standard error or --log: the method, the\n"
"path without the text searched, the status, the time and the bytes.\n"),
	.examples = N_(
"  tmgloss serve\n"
"  tmgloss serve --listen 0.0.0.0:8080 --token-file /etc/tmgloss/token\n"
"  curl http://127.0.0.1:8080/fr/zh/unit/Bonjour\n"),
	.options = serve_options,
	COMMAND_ARGS(serve_defaults),
	.no_operands = 1,
	.run = serve_run,
};
