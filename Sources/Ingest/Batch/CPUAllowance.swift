import CProcessor
import Foundation

/// How many CPUs this process may keep busy: its affinity mask (`taskset`,
/// `docker --cpuset-cpus`) and, where a cgroup quota caps it (`docker
/// --cpus`, systemd's `CPUQuota=`), that quota rounded up.
///
/// Foundation's `activeProcessorCount` counts the machine's CPUs whatever
/// the process is allowed; a second thread on a process held to one CPU
/// only adds the cost of handing work over.
enum CPUAllowance {
    /// The CPUs allowed, at least 1.
    static var count: Int {
        var allowed = Int(chm_cpus_allowed())
        if allowed <= 0 { allowed = ProcessInfo.processInfo.activeProcessorCount }
        if let quota = cgroupQuota() { allowed = min(allowed, quota) }
        return max(1, allowed)
    }

    /// The CPUs a cgroup v2 `cpu.max` quota grants (`200000 100000` is 2), nil when there is none.
    static func cgroupQuota(_ text: String? = try? String(contentsOfFile: "/sys/fs/cgroup/cpu.max", encoding: .utf8)) -> Int? {
        guard let fields = text?.split(whereSeparator: \.isWhitespace), fields.count == 2,
              let quota = Double(fields[0]), let period = Double(fields[1]), quota > 0, period > 0 else { return nil }
        return Int((quota / period).rounded(.up))
    }
}
