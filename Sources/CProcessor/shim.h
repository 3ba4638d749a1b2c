#ifndef CHM_CPROCESSOR_SHIM_H
#define CHM_CPROCESSOR_SHIM_H

// What Swift does not spell about the processor: the prefetch instruction,
// and the CPUs this process may run on (sched_getaffinity is a GNU extension,
// hidden from Swift's Glibc module).
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <sched.h>

/// Asks the processor to bring the cache line at `address` in ahead of a
/// read. It never faults, so any address may be given.
static inline void chm_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

/// The number of CPUs this process may run on (its affinity mask, which
/// `taskset` and container runtimes narrow); 0 when it cannot be read.
static inline int chm_cpus_allowed(void) {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof(set), &set) != 0) return 0;
    return CPU_COUNT(&set);
}
#endif
