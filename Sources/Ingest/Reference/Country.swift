/// A country or territory of ISO 3166-1, with its UN M49 code and, for the
/// 193 UN Member States, the regional group it counts in.
public struct Country: Sendable, Hashable {
    /// ISO 3166-1 alpha-2 code, upper case ("TR").
    public var alpha2: String
    /// ISO 3166-1 alpha-3 code, upper case ("TUR").
    public var alpha3: String
    /// UN M49 numeric code, zero-padded to three digits ("792", "004").
    public var m49: String
    /// The name as the UN terminology database writes it ("Türkiye", "Bahamas (the)").
    public var name: String
    /// The regional group it counts in; nil for territories and for States
    /// that are not UN members (Holy See, State of Palestine).
    public var group: UNRegionalGroup?
    /// Whether it is on the UN list of least developed countries.
    public var isLeastDeveloped: Bool
    /// Whether it is a small island developing State.
    public var isSmallIslandDeveloping: Bool

    /// Creates a country record.
    public init(alpha2: String, alpha3: String, m49: String, name: String, group: UNRegionalGroup?,
                isLeastDeveloped: Bool = false, isSmallIslandDeveloping: Bool = false) {
        self.alpha2 = alpha2
        self.alpha3 = alpha3
        self.m49 = m49
        self.name = name
        self.group = group
        self.isLeastDeveloped = isLeastDeveloped
        self.isSmallIslandDeveloping = isSmallIslandDeveloping
    }

    /// The M49 code as a number (792).
    public var m49Number: Int { Int(m49) ?? 0 }

    /// The name without the reference markers the UN list carries: a trailing
    /// "(the)", "*" or "**" ("Bahamas (the)" → "Bahamas").
    public var shortName: String {
        var s = Substring(name)
        while s.last == "*" || s.last == " " { s.removeLast() }
        if s.hasSuffix(" (the)") { s.removeLast(6) }
        return String(s)
    }
}
