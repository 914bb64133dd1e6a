// zlib's deflate API (zlib.h), from Debian's zlib1g-dev: gzip for pprof export.
#include <zlib.h>
