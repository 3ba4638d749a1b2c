/// The vocabularies a contribution log is checked against, shipped as data
/// in chm's resources so that the secretariat can read (and extend) them
/// without touching code:
///
/// - `contribution-kinds.csv`: each kind, the plan objectives and paragraphs
///   whose indicators count it, and what it records;
/// - `actor-categories.csv`: the categories of network members, with the
///   synonyms accepted for each;
/// - `sectors.csv`: the social and economic sectors (plan para. 46).
public struct ContributionVocabulary: Sendable {
    /// What one kind of contribution means.
    public struct Kind: Sendable, Hashable {
        /// The stored value ("gap_identified").
        public var name: String
        /// The strategic-plan objectives it feeds ("value_added", "speed_facility"…).
        public var objectives: [String]
        /// The plan paragraphs whose indicators use it (section IV).
        public var paragraphs: [Int]
        /// What a record of this kind records.
        public var description: String
    }

    /// The strategic plan's objectives, by the id used in the kinds table and
    /// in `Indicators/`, with the paragraph that states each.
    public static let objectives: [String: Int] = [
        "value_added": 19, "use": 21, "quality": 23, "speed_facility": 25, "responsiveness": 27,
        "integration": 29, "volume": 31, "membership": 46, "member_responsiveness": 48,
        "awareness_and_use": 50, "collaboration": 52,
    ]

    /// Contribution kinds.
    public let kinds: ControlledVocabulary
    /// Details of each kind, by name.
    public let kindDetails: [String: Kind]
    /// Actor categories.
    public let actorCategories: ControlledVocabulary
    /// Social and economic sectors.
    public let sectors: ControlledVocabulary

    /// Builds the vocabularies from the three tables.
    /// - Throws: ``IngestError`` naming the table and line of a bad row.
    init(kinds table: ResourceTable, actorCategories: ResourceTable, sectors: ResourceTable) throws {
        kinds = try ControlledVocabulary(label: "contribution kind", table: table)
        let objectives = try table.column("objectives"), paragraphs = try table.column("paragraphs")
        let description = try table.column("description")
        var details: [String: Kind] = [:]
        for (row, line) in zip(table.rows, table.lines) {
            let name = table.value(row, 0)
            guard !name.isEmpty, name.allSatisfy({ $0.isLowercase || $0 == "_" }) else {
                throw IngestError(.wrongFormat, "kind \"\(name)\" must be lower-case letters and _", file: table.file, line: line)
            }
            let ids = table.value(row, objectives).split(separator: " ").map(String.init)
            for id in ids where Self.objectives[id] == nil {
                throw IngestError(.wrongFormat, "kind \(name): \"\(id)\" is not an objective of the plan (\(Self.objectives.keys.sorted().joined(separator: ", ")))",
                                  file: table.file, line: line)
            }
            let numbers = table.value(row, paragraphs).split(separator: " ").compactMap { Int($0) }
            details[name] = Kind(name: name, objectives: ids, paragraphs: numbers, description: table.value(row, description))
        }
        kindDetails = details
        self.actorCategories = try ControlledVocabulary(label: "actor category", table: actorCategories)
        self.sectors = try ControlledVocabulary(label: "sector", table: sectors)
    }

    private static let loaded: Result<ContributionVocabulary, IngestError> = {
        do {
            return .success(try ContributionVocabulary(kinds: ResourceTable.shipped("contribution-kinds"),
                                                       actorCategories: ResourceTable.shipped("actor-categories"),
                                                       sectors: ResourceTable.shipped("sectors")))
        } catch let error as IngestError {
            return .failure(error)
        } catch {
            return .failure(IngestError(.unreadable, "\(error)", file: "contribution-kinds.csv"))
        }
    }()

    /// The vocabularies shipped with chm (read once, then shared).
    /// - Throws: ``IngestError`` when a shipped table is missing or damaged.
    public static func shipped() throws -> ContributionVocabulary { try loaded.get() }
}
