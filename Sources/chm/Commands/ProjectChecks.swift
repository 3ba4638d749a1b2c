import Evaluation
import Foundation

/// Where `chm check` finds the files it checks besides the catalogue.
enum ProjectChecks {
    /// Expert judgement files: `Reports/judgements/*.toml`.
    static func judgementFiles() -> [String] {
        guard let reports = try? ProjectDirectory.reports.locate() else { return [] }
        return tomlFiles(in: (reports as NSString).appendingPathComponent("judgements"))
    }

    /// The `.toml` files of a folder, sorted; none when it does not exist.
    static func tomlFiles(in directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".toml") }.sorted().map { (directory as NSString).appendingPathComponent($0) }
    }
}
