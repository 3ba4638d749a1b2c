#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The C library's elementary functions, kept behind one file so the rest
/// of the engine stays free of platform imports.
@inline(__always) func naturalLog(_ x: Double) -> Double { log(x) }
@inline(__always) func exponential(_ x: Double) -> Double { exp(x) }
@inline(__always) func power(_ x: Double, _ y: Double) -> Double { pow(x, y) }
/// Whether `count` bytes at `a` and at `b` are equal (the C library's vectorised `memcmp`).
@inline(__always) func bytesEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, count: Int) -> Bool {
    memcmp(a, b, count) == 0
}
