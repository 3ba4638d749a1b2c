#ifndef CHM_CZLIB_SHIM_H
#define CHM_CZLIB_SHIM_H
#include <zlib.h>

/// inflateInit2 is a macro; Swift needs a function.
static inline int chm_inflate_init_gzip(z_stream *stream) {
    return inflateInit2(stream, 15 + 32);
}
#endif
