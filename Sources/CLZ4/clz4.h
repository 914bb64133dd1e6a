// liblz4's frame API (lz4frame.h), from Debian's liblz4-dev.
#include <lz4frame.h>
