import Evaluation
import Foundation
import Ingest
import Reporting

/// Where `chm check` finds the files it checks besides the catalogue.
enum ProjectChecks {
    /// Expert judgement files: `Reports/judgements/*.toml`.
    static func judgementFiles() -> [String] {
        guard let reports = try? ProjectDirectory.reports.locate() else { return [] }
        return tomlFiles(in: (reports as NSString).appendingPathComponent("judgements"))
    }

    /// Survey instruments: `Surveys/*.toml`, each loaded as `chm ingest survey` would.
    static func instruments() -> (problems: [String], checked: Int) {
        guard let surveys = try? ProjectDirectory.surveys.locate() else { return ([], 0) }
        let files = tomlFiles(in: surveys)
        var problems: [String] = []
        for path in files {
            do { _ = try SurveyInstrument.load(path: path) } catch { problems.append("\(error)") }
        }
        return (problems, files.count)
    }

    /// Report locales: keys a translation lacks and, given the catalogue, the
    /// indicator and objective texts it does not translate (English is used in their place).
    static func locales(catalogue: Catalogue?) -> (problems: [String], checked: Int) {
        guard let reports = try? ProjectDirectory.reports.locate() else { return ([], 0) }
        let directory = (reports as NSString).appendingPathComponent("locales")
        do {
            let missing = try ReportLocale.missingKeys(directory: directory, catalogue: catalogue)
            let problems = missing.sorted { $0.key < $1.key }.flatMap { locale, keys in
                ReportLocale.describeMissing(keys).map { "\(directory)/\(locale).toml: no translation of \($0) (English is used)" }
            }
            return (problems, tomlFiles(in: directory).count)
        } catch {
            return (["\(error)"], 0)
        }
    }

    /// The `.toml` files of a folder, sorted; none when it does not exist.
    static func tomlFiles(in directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".toml") }.sorted().map { (directory as NSString).appendingPathComponent($0) }
    }
}
