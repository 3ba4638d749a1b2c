#include <pango/pangocairo.h>

/// PANGO_SCALE as a plain int (the macro is not imported as a constant).
static inline int chm_pango_scale(void) { return PANGO_SCALE; }

/// Releases a GObject (g_object_unref takes a gpointer Swift cannot form from an OpaquePointer directly).
static inline void chm_g_object_unref(void *object) { g_object_unref(object); }
