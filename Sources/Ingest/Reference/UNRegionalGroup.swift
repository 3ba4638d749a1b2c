/// One of the five United Nations regional groups, the geographical
/// breakdown the Conference of the Parties reports by.
///
/// The raw value is the group's full name as UN documents write it, which is
/// also how it is stored in a `region` column.
public enum UNRegionalGroup: String, CaseIterable, Sendable, Hashable, Comparable {
    /// African States (54 members).
    case african = "African States"
    /// Asia-Pacific States (54 members counted here; Türkiye also takes part, see ``CountryReference``).
    case asiaPacific = "Asia-Pacific States"
    /// Eastern European States (23 members).
    case easternEuropean = "Eastern European States"
    /// Latin American and Caribbean States, GRULAC (33 members).
    case latinAmericanAndCaribbean = "Latin American and Caribbean States"
    /// Western European and other States, WEOG (29 members, Türkiye included).
    case westernEuropeanAndOthers = "Western European and other States"

    /// The full name, e.g. "Western European and other States".
    public var name: String { rawValue }

    /// The usual abbreviation: AG, APG, EEG, GRULAC, WEOG.
    public var abbreviation: String {
        switch self {
        case .african: "AG"
        case .asiaPacific: "APG"
        case .easternEuropean: "EEG"
        case .latinAmericanAndCaribbean: "GRULAC"
        case .westernEuropeanAndOthers: "WEOG"
        }
    }

    /// Reads a group from its full name, its abbreviation or the other names
    /// data sources use ("African Group", "Asia-Pacific Group", "Western
    /// European and Others Group", "Latin America and the Caribbean"…),
    /// without regard to case, accents or punctuation.
    public init?(name: String) {
        let key = NameKey.make(name)
        guard let group = Self.spellings[key] else { return nil }
        self = group
    }

    /// Orders groups as UN documents list them (African States first).
    public static func < (a: UNRegionalGroup, b: UNRegionalGroup) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// Every accepted spelling, as a name key.
    static let spellings: [String: UNRegionalGroup] = {
        var table: [String: UNRegionalGroup] = [:]
        let names: [UNRegionalGroup: [String]] = [
            .african: ["African States", "African Group", "African Group of States", "Africa", "AG", "AGS"],
            .asiaPacific: ["Asia-Pacific States", "Asia-Pacific Group", "Asia and the Pacific", "Asia-Pacific",
                           "Asia Pacific", "Asian States", "Asian Group", "Group of Asia-Pacific States",
                           "Asia and Pacific", "APG", "APS"],
            .easternEuropean: ["Eastern European States", "Eastern European Group", "Eastern Europe",
                               "Central and Eastern Europe", "Central and Eastern European States", "EEG", "EES", "CEE"],
            .latinAmericanAndCaribbean: ["Latin American and Caribbean States", "Latin American and Caribbean Group",
                                         "Latin America and the Caribbean", "Latin America and Caribbean",
                                         "Group of Latin American and Caribbean States", "GRULAC", "LAC"],
            .westernEuropeanAndOthers: ["Western European and other States", "Western European and Others Group",
                                        "Western European and Other States Group", "Western European and Others",
                                        "Western Europe and Others", "Western Europe and other States", "WEOG"],
        ]
        for (group, list) in names {
            for spelling in list { table[NameKey.make(spelling)] = group }
        }
        return table
    }()
}
