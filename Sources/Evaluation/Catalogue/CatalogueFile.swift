import TOMLKit

/// The TOML layout of `Indicators/<objective>.toml`.
struct CatalogueFile: Decodable {
    struct ObjectiveSection: Decodable {
        var id: String
        var goal: Int
        var title: String
        var statement: String?
        var paragraph: Int?
    }

    struct IndicatorSection: Decodable {
        var id: String
        var title: String
        var kind: String
        var unit: String?
        var direction: String?
        var decimals: Int?
        var factor: Number?
        var limit: Number?
        var table: String?
        var time: String?
        var measure: String?
        var denominator: String?
        var filter: String?
        var denominator_filter: String?
        var cumulative: Bool?
        var survey_objective: String?
        var questions: [String]?
        var minimum_valid: Int?
        var numerator_sql: String?
        var denominator_sql: String?
        var fallback: FallbackSection?
        var breakdowns: [String]?
        var baseline: [String: Number]?
        var target: [String: Number]?
        var definition: String?
        var method: String?
        var limitations: String?
        var sources: String?
    }

    /// `[indicator.fallback]`: another table for periods the first has no rows in.
    struct FallbackSection: Decodable {
        var table: String
        var time: String?
        var measure: String
        var filter: String?
    }

    var objective: ObjectiveSection
    var indicator: [IndicatorSection]?
}

/// The TOML layout of `Indicators/breakdowns.toml`: one table per dimension,
/// with a title, perhaps the dimension it is computed with, and an
/// expression per source table.
struct BreakdownFile: Decodable {
    struct Dimension: Decodable {
        var title: String?
        var computedWith: String?
        var expressions: [String: String] = [:]

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: AnyKey.self)
            for key in c.allKeys {
                switch key.stringValue {
                case "title": title = try c.decode(String.self, forKey: key)
                case "computed_with": computedWith = try c.decode(String.self, forKey: key)
                case "within_cycle":
                    throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription:
                        "within_cycle is no longer used (a phase's cells are always derived from its cycles'); remove the line")
                default: expressions[key.stringValue] = try c.decode(String.self, forKey: key)
                }
            }
        }
    }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    var dimensions: [String: Dimension]

    init(from decoder: any Decoder) throws {
        dimensions = try [String: Dimension](from: decoder)
    }
}

/// A TOML number, integer or float.
struct Number: Decodable, Hashable {
    var value: Double

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let d = try? c.decode(Double.self) { value = d } else { value = Double(try c.decode(Int.self)) }
    }
}
