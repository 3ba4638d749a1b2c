import Foundation

/// The countries chm knows — ISO 3166-1 alpha-2 and alpha-3, UN M49, the UN
/// name and common alternate names, and the UN regional group — read from
/// the tables shipped in chm's resources (`countries.csv`, `country-names.csv`).
///
/// Every ingester that meets a country (contribution logs, surveys, web
/// geolocation) resolves it here, so that one spelling rule holds everywhere:
///
/// ```swift
/// let reference = try CountryReference.shipped()
/// reference.country(matching: "Turkey")?.alpha2          // "TR"
/// reference.country(matching: "CIV")?.name               // "Côte d’Ivoire"
/// reference.country(matching: "4")?.alpha3               // "AFG"
/// reference.country(matching: "TR")?.group               // .westernEuropeanAndOthers
/// reference.acceptsGroup(.asiaPacific, for: "TR")        // true: see below
/// ```
///
/// **Türkiye** takes part in the meetings of both the Asia-Pacific and the
/// Western European and other States groups, but for elections — and in chm
/// for every count — it belongs to WEOG. Its ``Country/group`` is WEOG; a
/// record that gives it as Asia-Pacific is accepted (``acceptsGroup(_:for:)``)
/// and counted in WEOG. Territories and non-member States (Holy See, State of
/// Palestine) have no group.
public struct CountryReference: Sendable {
    /// Every country and territory, ordered by alpha-2 code.
    public let countries: [Country]
    private let byAlpha2: [String: Int]
    private let byAlpha3: [String: Int]
    private let byM49: [Int: Int]
    private let byName: [String: Int]

    /// Groups a country takes part in besides the one it counts in.
    /// Türkiye sits with Asia-Pacific too but counts in WEOG, as for elections.
    static let additionalGroups: [String: Set<UNRegionalGroup>] = ["TR": [.asiaPacific]]

    /// Builds the reference from parsed tables.
    /// - Parameters:
    ///   - countries: the `countries.csv` layout: `alpha2,alpha3,m49,name,un_regional_group,ldc,sids`.
    ///   - alternateNames: the `country-names.csv` layout: `alpha2,name`.
    init(countries table: ResourceTable, alternateNames names: ResourceTable?) throws {
        let a2 = try table.column("alpha2"), a3 = try table.column("alpha3"), m49 = try table.column("m49")
        let name = try table.column("name"), group = try table.column("un_regional_group")
        let ldc = table.columns.firstIndex(of: "ldc"), sids = table.columns.firstIndex(of: "sids")
        var list: [Country] = []
        for (row, line) in zip(table.rows, table.lines) {
            func fail(_ why: String) -> IngestError { IngestError(.wrongFormat, why, file: table.file, line: line) }
            let alpha2 = table.value(row, a2).uppercased(), alpha3 = table.value(row, a3).uppercased()
            let code = table.value(row, m49)
            guard alpha2.count == 2, alpha2.allSatisfy(\.isLetter) else { throw fail("alpha2 \"\(alpha2)\" is not two letters") }
            guard alpha3.count == 3, alpha3.allSatisfy(\.isLetter) else { throw fail("alpha3 \"\(alpha3)\" is not three letters") }
            guard code.count == 3, code.allSatisfy(\.isASCII), Int(code) != nil else { throw fail("m49 \"\(code)\" is not a three-digit code") }
            let groupName = table.value(row, group)
            var regional: UNRegionalGroup?
            if !groupName.isEmpty {
                guard let g = UNRegionalGroup(name: groupName) else { throw fail("\"\(groupName)\" is not a UN regional group") }
                regional = g
            }
            list.append(Country(alpha2: alpha2, alpha3: alpha3, m49: code, name: table.value(row, name), group: regional,
                                isLeastDeveloped: ldc.map { !table.value(row, $0).isEmpty } ?? false,
                                isSmallIslandDeveloping: sids.map { !table.value(row, $0).isEmpty } ?? false))
        }
        list.sort { $0.alpha2 < $1.alpha2 }
        var byAlpha2: [String: Int] = [:], byAlpha3: [String: Int] = [:], byM49: [Int: Int] = [:], byName: [String: Int] = [:]
        for (i, c) in list.enumerated() {
            guard byAlpha2.updateValue(i, forKey: c.alpha2) == nil, byAlpha3.updateValue(i, forKey: c.alpha3) == nil,
                  byM49.updateValue(i, forKey: c.m49Number) == nil else {
                throw IngestError(.wrongFormat, "\(c.alpha2) / \(c.alpha3) / \(c.m49) appears twice", file: table.file)
            }
            byName[NameKey.make(c.name)] = i
        }
        // Names without their parenthesised part ("Iran (Islamic Republic of)" → "iran") only where unambiguous.
        var stripped: [String: Int?] = [:]
        for (i, c) in list.enumerated() {
            if let key = NameKey.withoutParentheses(c.name), byName[key] == nil {
                stripped[key] = stripped[key] == nil ? i : .some(nil)
            }
        }
        for case let (key, i?) in stripped { byName[key] = i }
        if let names {
            let n2 = try names.column("alpha2"), nn = try names.column("name")
            for (row, line) in zip(names.rows, names.lines) {
                let code = names.value(row, n2).uppercased()
                guard let i = byAlpha2[code] else {
                    throw IngestError(.wrongFormat, "\(code) is not a country in countries.csv", file: names.file, line: line)
                }
                let key = NameKey.make(names.value(row, nn))
                if let other = byName[key], other != i {
                    throw IngestError(.wrongFormat, "\"\(names.value(row, nn))\" already names \(list[other].alpha2)", file: names.file, line: line)
                }
                byName[key] = i
            }
        }
        countries = list
        self.byAlpha2 = byAlpha2
        self.byAlpha3 = byAlpha3
        self.byM49 = byM49
        self.byName = byName
    }

    /// Reads a reference from `countries.csv`-layout text and, optionally,
    /// `country-names.csv`-layout text of alternate names.
    /// - Throws: ``IngestError`` naming the line of a malformed row.
    public init(countriesCSV: String, alternateNamesCSV: String? = nil) throws {
        try self.init(countries: ResourceTable(text: countriesCSV, file: "countries.csv"),
                      alternateNames: try alternateNamesCSV.map { try ResourceTable(text: $0, file: "country-names.csv") })
    }

    private static let loaded: Result<CountryReference, IngestError> = {
        do {
            return .success(try CountryReference(countries: ResourceTable.shipped("countries"),
                                                 alternateNames: ResourceTable.shipped("country-names")))
        } catch let error as IngestError {
            return .failure(error)
        } catch {
            return .failure(IngestError(.unreadable, "\(error)", file: "countries.csv"))
        }
    }()

    /// The reference shipped with chm (read once, then shared).
    /// - Throws: ``IngestError`` when the shipped tables are missing or damaged.
    public static func shipped() throws -> CountryReference { try loaded.get() }

    /// The country with this ISO alpha-2 code (any case).
    public func country(alpha2: String) -> Country? { byAlpha2[alpha2.uppercased()].map { countries[$0] } }

    /// The country with this ISO alpha-3 code (any case).
    public func country(alpha3: String) -> Country? { byAlpha3[alpha3.uppercased()].map { countries[$0] } }

    /// The country with this UN M49 code (4 and "004" are the same).
    public func country(m49: Int) -> Country? { byM49[m49].map { countries[$0] } }

    /// The country with this name or alternate name, compared without regard
    /// to case, accents, punctuation or a leading/trailing "the".
    public func country(named name: String) -> Country? { byName[NameKey.make(name)].map { countries[$0] } }

    /// The country `text` denotes, whichever way it is written: alpha-2,
    /// alpha-3, M49 digits, or a name. Surrounding spaces are ignored.
    public func country(matching text: String) -> Country? {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty else { return nil }
        if t.count <= 3, t.allSatisfy({ $0.isASCII && $0.isNumber }) { return country(m49: Int(t)!) }
        if t.count == 2, let c = country(alpha2: t) { return c }
        if t.count == 3, let c = country(alpha3: t) { return c }
        return country(named: t)
    }

    /// A close spelling of a code or name, for "did you mean" hints
    /// ("Tukrey" → "Türkiye", "GBT" → "GBR"); nil when nothing is close.
    public func suggestion(for text: String) -> String? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.count == 2 { return Suggestion.nearest(to: t.uppercased(), among: byAlpha2.keys.sorted()) }
        if t.count == 3 { return Suggestion.nearest(to: t.uppercased(), among: byAlpha3.keys.sorted()) }
        let key = NameKey.make(t)
        guard let near = Suggestion.nearest(to: key, among: byName.keys.sorted()) else { return nil }
        return countries[byName[near]!].shortName
    }

    /// The countries that count in `group`, ordered by alpha-2 code.
    public func members(of group: UNRegionalGroup) -> [Country] { countries.filter { $0.group == group } }

    /// Whether a record may name `group` for the country `alpha2`: its own
    /// group, or one it also takes part in (Asia-Pacific for Türkiye). A
    /// country with no group accepts any group, since nothing contradicts it.
    public func acceptsGroup(_ group: UNRegionalGroup, for alpha2: String) -> Bool {
        guard let c = country(alpha2: alpha2) else { return false }
        guard let own = c.group else { return true }
        return own == group || Self.additionalGroups[c.alpha2]?.contains(group) == true
    }
}
