import Columnar
import Foundation

/// Indicator values as SDMX-CSV, laid out like the global SDG data file:
/// one observation per line, `_T` for totals, status and bounds as
/// attributes, so that the figures can be exchanged with statistical systems.
public enum SDMXWriter {
    /// The header line.
    public static let header = "DATAFLOW,SERIES,TIME_PERIOD,BREAKDOWN,CELL,OBS_VALUE,UNIT_MEASURE,OBS_STATUS,LOWER_BOUND,UPPER_BOUND,NUMERATOR,DENOMINATOR,NOBS,UNIT_MULT,COMMENT_OBS"

    /// The CSV text (LF line ends).
    public static func csv(_ values: [IndicatorValue], catalogue: Catalogue) -> String {
        var lines = [header]
        let definitions = catalogue.indicatorsByID
        for v in values {
            let i = definitions[v.indicator]
            let d = i?.decimals ?? 2
            func number(_ x: Double?, _ decimals: Int) -> String {
                guard let x else { return "" }
                return Value.float(IndicatorTable.rounded(x, decimals)).description
            }
            // SDMX observation status: A normal, P provisional, M missing, C not published.
            let status = switch v.status {
            case .normal: "A"
            case .provisional: "P"
            case .noData: "M"
            case .suppressed: "C"
            }
            let comment: String = switch v.status {
            case .suppressed: "fewer valid answers than the publication threshold"
            case .noData: "no source data for the period"
            case .provisional: "period not finished"
            case .normal: ""
            }
            let fields = ["CHM:INDICATORS(1.0)", v.indicator, v.period, v.breakdown ?? "_T", v.cell ?? "_T",
                          number(v.value, d), i?.unit ?? "", status, number(v.lower, d + 1), number(v.upper, d + 1),
                          number(v.numerator, 6), number(v.denominator, 6), v.n.map(String.init) ?? "", "0", comment]
            lines.append(fields.map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func field(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
