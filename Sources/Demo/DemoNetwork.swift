import Columnar
import Ingest

/// The clearing-house network the demo invents: every country with a UN
/// regional group is a Party with a focal point to designate, and other
/// organisations — NGOs, IGOs, industry, research, regional centres, UN
/// bodies, donors — join year after year, more in some regions than others.
struct DemoNetwork {
    struct Member {
        var name: String
        var category: String
        var country: Country?
        var sector: String
        var joined: Int
        /// How much it contributes relative to others.
        var activity: Double
    }

    let parties: [Country]
    private(set) var members: [Member] = []
    /// The year each Party designates its focal point (nil: never in the demo).
    private(set) var focalPointYear: [String: Int] = [:]

    static let categories = ["NGO", "IGO", "industry", "research", "regional centre", "UN body", "donor", "non-Party"]
    static let categoryWeights = [0.34, 0.08, 0.16, 0.22, 0.05, 0.04, 0.03, 0.08]
    static let sectors = ["government", "environment", "health", "agriculture", "industry", "energy", "waste", "water", "trade",
                          "academia", "civil society", "education", "labour"]
    static let prefixes = ["NGO": ["Friends of", "Alliance for", "Network on", "Coalition for"],
                           "IGO": ["Commission on", "Regional Organization for", "Intergovernmental Forum on"],
                           "industry": ["Association of", "Council of", "Federation of"],
                           "research": ["Institute for", "University Centre for", "Laboratory of"],
                           "regional centre": ["Regional Centre for", "Coordinating Centre for"],
                           "UN body": ["Programme on", "Office for"],
                           "donor": ["Fund for", "Foundation for"],
                           "non-Party": ["Ministry of"]]
    static let topics = ["Chemical Safety", "Hazardous Waste", "Pesticides", "Clean Production", "Mercury", "PCB Management",
                         "E-waste", "Plastics", "Green Chemistry", "Toxics Monitoring", "Sound Management"]

    init(reference: CountryReference, timeline: DemoTimeline, random: inout SeededRandom) {
        parties = reference.countries.filter { $0.group != nil }.sorted { $0.alpha2 < $1.alpha2 }
        for p in parties {
            // Most Parties designate early; a tail takes years; a few never do.
            let u = random.unit()
            guard u < 0.93 else { continue }
            let year = u < 0.45 ? 2006 + random.below(2) : u < 0.75 ? 2008 + random.below(4) : 2012 + random.below(16)
            focalPointYear[p.alpha2] = min(year, timeline.lastYear)
        }
        // Regions grow at different speeds: Africa and Asia-Pacific join later but faster.
        let regionBoost: [UNRegionalGroup: (early: Double, late: Double)] = [
            .african: (0.6, 1.5), .asiaPacific: (0.7, 1.4), .easternEuropean: (0.8, 0.8),
            .latinAmericanAndCaribbean: (0.8, 1.1), .westernEuropeanAndOthers: (1.6, 0.9),
        ]
        let categoryTable = WeightedTable(Self.categoryWeights)
        var serial: [String: Int] = [:]
        for year in timeline.years {
            let newcomers = Int((14 + 9 * Double(year - timeline.firstYear)) * (year == timeline.firstYear ? 2.5 : 1))
            let lateness = Double(year - timeline.firstYear) / Double(timeline.lastYear - timeline.firstYear)
            let weights = parties.map { c -> Double in
                let b = regionBoost[c.group!] ?? (1, 1)
                return b.early * (1 - lateness) + b.late * lateness
            }
            let countryTable = WeightedTable(weights)
            for _ in 0..<newcomers {
                let category = Self.categories[categoryTable.draw(&random)]
                let country = parties[countryTable.draw(&random)]
                let topic = random.pick(Self.topics)
                let prefix = random.pick(Self.prefixes[category] ?? ["Centre for"])
                let key = "\(prefix) \(topic) \(country.alpha2)"
                serial[key, default: 0] += 1
                let suffix = serial[key]! > 1 ? " \(serial[key]!)" : ""
                let sector = category == "industry" ? "industry" : category == "research" ? "academia" : random.pick(Self.sectors)
                members.append(Member(name: "\(prefix) \(topic)\(suffix) (\(country.name))", category: category, country: country,
                                      sector: sector, joined: year, activity: random.logNormal(median: 1, sigma: 0.8)))
            }
        }
        for p in parties {
            guard let year = focalPointYear[p.alpha2] else { continue }
            members.append(Member(name: "National focal point of \(p.name)", category: "Party", country: p, sector: "government",
                                  joined: year, activity: random.logNormal(median: 1.6, sigma: 0.7)))
        }
    }

    /// Members active in `year` (joined by then).
    func active(in year: Int) -> [Member] { members.filter { $0.joined <= year } }
}
