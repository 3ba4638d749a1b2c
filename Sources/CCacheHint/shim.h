#ifndef CHM_CCACHEHINT_SHIM_H
#define CHM_CCACHEHINT_SHIM_H

/// Asks the processor to bring the cache line at `address` in ahead of a
/// read; Swift has no spelling for the prefetch instruction. It never
/// faults, so any address may be given.
static inline void chm_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}
#endif
