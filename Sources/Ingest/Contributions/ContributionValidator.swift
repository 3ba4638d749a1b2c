import Columnar
import Foundation

/// Checks one contribution's fields against the vocabularies and the
/// country reference and turns them into a ``ContributionRecord``, or says
/// every reason it cannot be stored.
///
/// Rules, in the order a reader meets them:
/// - `ts`, `kind` and `actor` are required.
/// - Dates are ISO 8601: `YYYY-MM-DD`, or a date-time with a UTC offset
///   (`2024-03-05T14:30:00+01:00`, `…Z`); stored in UTC; impossible dates
///   (2023-02-29) and years outside 1970–2100 are refused.
/// - `kind` is one of `contribution-kinds.csv` (case and separators folded);
///   a near miss is named in the reason.
/// - `actor_category` is one of `actor-categories.csv`, synonyms accepted,
///   stored in its canonical spelling ("non-Party", "UN body").
/// - `country` may be an ISO alpha-2 or alpha-3 code or a country name
///   (an M49 code works too); it is stored as alpha-2.
/// - `region` is one of the five UN regional groups (full name, abbreviation
///   or common variant); when absent it is taken from the country. A region
///   that contradicts the country is refused — except Türkiye given as
///   Asia-Pacific, which is stored as Western European and other States.
/// - `sector` is stored in its canonical spelling when it is one of
///   `sectors.csv`, otherwise as given (sectors vary between logs).
/// - `closed_ts` must not precede `ts`; `amount` must be a non-negative number.
/// - `collective` is true/false (yes/no, 1/0); `collective_request` is always
///   collective, so an explicit false for it is refused.
struct ContributionValidator {
    let vocabulary: ContributionVocabulary
    let countries: CountryReference

    /// The longest text stored in a string column, in characters.
    static let maxTextLength = 1000
    /// Dates outside these years are taken for typing errors.
    static let years = 1970...2100

    /// Spellings already resolved: a log repeats the same few kinds,
    /// categories and countries, and folding a name is the costly part.
    private var kindMemo: [String: ControlledVocabulary.Term?] = [:]
    private var categoryMemo: [String: ControlledVocabulary.Term?] = [:]
    private var sectorMemo: [String: ControlledVocabulary.Term?] = [:]
    private var countryMemo: [String: Country?] = [:]
    private var regionMemo: [String: UNRegionalGroup?] = [:]

    /// A validator checking against `vocabulary` and `countries`.
    init(vocabulary: ContributionVocabulary, countries: CountryReference) {
        self.vocabulary = vocabulary
        self.countries = countries
    }

    /// `memo[key]`, computed by `make` the first time.
    private static func remembered<T>(_ memo: inout [String: T?], _ key: String, _ make: (String) -> T?) -> T? {
        if let known = memo[key] { return known }
        let value = make(key)
        if memo.count < 10_000 { memo[key] = .some(value) }
        return value
    }

    /// The record for `values`, or the reasons it is refused (joined with "; ").
    mutating func check(_ values: [ContributionField: FieldValue]) -> Result<ContributionRecord, Refusal> {
        var problems: [String] = []
        func value(_ f: ContributionField) -> FieldValue { values[f] ?? .null }

        func text(_ f: ContributionField) -> String? {
            let v = value(f)
            switch v {
            case .bool: problems.append("\(f.rawValue) must be text, not true/false"); return nil
            case .nested: problems.append("\(f.rawValue) must be text, not a list or object"); return nil
            default: break
            }
            guard let t = v.text else { return nil }
            if t.count > Self.maxTextLength {
                problems.append("\(f.rawValue) is \(t.count) characters long; at most \(Self.maxTextLength) are kept")
                return nil
            }
            return t
        }

        func date(_ f: ContributionField) -> Int64? {
            let v = value(f)
            if v.isNull { return nil }
            guard case .text(let raw) = v else {
                problems.append("\(f.rawValue) must be an ISO 8601 date written as text (\"2024-03-05\")")
                return nil
            }
            switch DateText.parse(raw, years: Self.years) {
            case .success(let t): return t
            case .failure(let why): problems.append("\(f.rawValue) \(why)"); return nil
            }
        }

        let ts = date(.ts)
        if value(.ts).isNull { problems.append("ts is missing") }
        let closed = date(.closedTS)

        var kind: ContributionVocabulary.Kind?
        if let k = text(.kind) {
            if let term = Self.remembered(&kindMemo, k, vocabulary.kinds.term(matching:)) {
                kind = vocabulary.kindDetails[term.name]
            } else {
                problems.append(vocabulary.kinds.refusal(column: "kind", value: k))
            }
        } else if value(.kind).isNull {
            problems.append("kind is missing")
        }

        var actorCategory: String?
        if let given = text(.actorCategory) {
            if let term = Self.remembered(&categoryMemo, given, vocabulary.actorCategories.term(matching:)) {
                actorCategory = term.name
            } else {
                problems.append(vocabulary.actorCategories.refusal(column: "actor_category", value: given))
            }
        }
        let sector = text(.sector).map { Self.remembered(&sectorMemo, $0, vocabulary.sectors.term(matching:))?.name ?? $0 }
        let actor = text(.actor)
        if value(.actor).isNull { problems.append("actor is missing") }

        var country: Country?
        if let given = text(.country) {
            country = Self.remembered(&countryMemo, given, countries.country(matching:))
            if country == nil {
                let hint = countries.suggestion(for: given).map { "; did you mean \"\($0)\"?" } ?? " (give an ISO alpha-2 or alpha-3 code or the country's name)"
                problems.append("country \"\(given)\" is not a known country\(hint)")
            }
        }
        var region = country?.group
        if let given = text(.region) {
            if let group = Self.remembered(&regionMemo, given, UNRegionalGroup.init(name:)) {
                if let country, !countries.acceptsGroup(group, for: country.alpha2) {
                    problems.append("region \"\(given)\" contradicts country \(country.alpha2) (\(country.shortName)), which is in \(country.group!.name)")
                } else if region == nil {
                    region = group
                }
            } else {
                let names = UNRegionalGroup.allCases.map { "\($0.name) (\($0.abbreviation))" }.joined(separator: ", ")
                problems.append("region \"\(given)\" is not a UN regional group (\(names))")
            }
        }

        var collective = kind?.name == "collective_request"
        switch value(.collective) {
        case .bool(let b): collective = b
        case .null: break
        case .nested: problems.append("collective must be true or false")
        case .text, .number:
            let t = value(.collective).text ?? ""
            if let b = Self.boolean(t) { collective = b } else if !t.isEmpty { problems.append("collective \"\(t)\" is not true or false") }
        }
        if kind?.name == "collective_request", !collective {
            problems.append("kind collective_request is collective; collective cannot be false")
        }

        var amount: Double?
        switch value(.amount) {
        case .null: break
        case .number(let s), .text(let s):
            let t = s.trimmingCharacters(in: .whitespaces)
            if t.isEmpty { break }
            if let d = Double(t), d.isFinite, t.allSatisfy({ $0.isNumber || "+-.eE".contains($0) }) {
                if d < 0 { problems.append("amount \(t) is negative") } else { amount = d }
            } else {
                problems.append("amount \"\(t)\" is not a number")
            }
        case .bool, .nested: problems.append("amount must be a number")
        }

        let record = ContributionRecord(ts: ts ?? 0, kind: kind?.name ?? "", actor: actor, actorCategory: actorCategory,
                                        country: country?.alpha2, region: region?.name, sector: sector, collective: collective,
                                        topic: text(.topic), category: text(.category), amount: amount, ref: text(.ref), closedTS: closed)
        if let ts, let closed, closed < ts {
            problems.append("closed_ts \(CivilTime.formatISO8601(closed)) precedes ts \(CivilTime.formatISO8601(ts))")
        }
        return problems.isEmpty ? .success(record) : .failure(Refusal(reason: problems.joined(separator: "; ")))
    }

    /// Why a record is refused.
    struct Refusal: Error, Equatable {
        var reason: String
    }

    static func boolean(_ t: String) -> Bool? {
        switch t.lowercased() {
        case "true", "t", "yes", "y", "1": true
        case "false", "f", "no", "n", "0": false
        default: nil
        }
    }
}
