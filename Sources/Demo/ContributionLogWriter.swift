import Columnar
import Foundation

/// Writes the contribution log one CSV file per year, in the canonical
/// columns `chm ingest contributions` reads: the secretariat's record of
/// what members contribute, request, sign and publish.
struct ContributionLogWriter {
    let network: DemoNetwork
    let timeline: DemoTimeline

    static let header = "ts,kind,actor,actor_category,country,region,sector,collective,topic,category,amount,ref,closed_ts"
    static let documentCategories = ["national report", "case study", "guidance", "training material", "meeting document", "publication"]
    static let featureCategories = ["comparison", "aggregation", "segregation", "synthesis", "search", "map", "notification"]

    /// One year's log as CSV text.
    func log(year: Int, random: inout SeededRandom) -> String {
        var rows: [(Int64, String)] = []
        let yearStart = CivilTime.timestamp(year: year, month: 1, day: 1)
        let days = CivilTime.isLeap(year) ? 366 : 365
        func at(_ r: inout SeededRandom) -> Int64 {
            // Working hours on a day drawn with the year's traffic pattern.
            var day: Int64
            repeat { day = yearStart + Int64(r.below(days)) * 86_400 } while !r.chance(min(1, timeline.dayFactor(day) / 2.4))
            return day + Int64(8 * 3600 + r.below(10 * 3600))
        }
        func field(_ s: String?) -> String {
            guard let s else { return "" }
            return s.contains(",") || s.contains("\"") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        func add(_ ts: Int64, _ kind: String, _ m: DemoNetwork.Member?, collective: Bool = false, topic: String? = nil,
                 category: String? = nil, amount: Double? = nil, ref: String? = nil, closed: Int64? = nil) {
            let actor = m?.name ?? "Secretariat"
            let cells = [CivilTime.formatISO8601(ts), kind, field(actor), field(m?.category ?? "secretariat"), m?.country?.alpha2 ?? "",
                         field(m?.country?.group?.rawValue), field(m?.sector ?? "government"), collective ? "true" : "false",
                         field(topic), field(category), amount.map { String(Int($0)) } ?? "", field(ref),
                         closed.map(CivilTime.formatISO8601) ?? ""]
            rows.append((ts, cells.joined(separator: ",")))
        }
        let active = network.active(in: year)
        let g = timeline.growth(year)
        for m in active where m.joined == year {
            let ts = at(&random)
            // A Party joins the network when it designates its focal point.
            if m.category == "Party" { add(ts, "focal_point_designated", m) }
            add(ts, "member_joined", m, topic: random.pick(DemoNetwork.topics))
        }
        for m in active where m.joined < year && m.category != "Party" && random.chance(0.012) {
            add(at(&random), "member_left", m)
        }
        let weights = active.map(\.activity)
        let table = WeightedTable(weights)
        let kinds: [(String, Double)] = [("information", 1.6), ("experience", 0.5), ("expertise", 0.35), ("need", 0.3), ("priority", 0.15),
                                         ("feedback", 0.4), ("document_published", 0.9), ("quality_feedback", 0.12)]
        for (kind, rate) in kinds {
            let n = random.poisson(rate * Double(active.count) * (0.55 + 0.25 * g))
            for _ in 0..<n {
                let m = active[table.draw(&random)]
                let collective = random.chance(kind == "information" ? 0.12 : 0.06)
                let category = kind == "document_published" ? random.pick(Self.documentCategories) : nil
                add(at(&random), kind, m, collective: collective, topic: random.pick(DemoNetwork.topics), category: category)
                // Some submissions do not meet the mechanism's criteria; fewer as guidance improves.
                if kind == "information" || kind == "document_published", random.chance(0.14 * pow(0.93, Double(year - timeline.firstYear))) {
                    add(at(&random), "contribution_rejected", m, topic: random.pick(DemoNetwork.topics))
                }
            }
        }
        // Requests, answered faster as the help desk matures.
        let median = max(3, 16 * pow(0.9, Double(year - timeline.firstYear)))
        for collective in [false, true] {
            let n = random.poisson((collective ? 6 : 40) * g * 2.2)
            for _ in 0..<n {
                let m = active[table.draw(&random)]
                let ts = at(&random)
                let open = random.chance(year == timeline.lastYear ? 0.2 : 0.03)
                let days = random.logNormal(median: median, sigma: 0.7)
                add(ts, collective ? "collective_request" : "request", m, collective: collective, topic: random.pick(DemoNetwork.topics),
                    closed: open ? nil : ts + Int64(days * 86_400))
            }
        }
        // The secretariat's own record: products, features, sources, gaps, partnerships, outreach.
        let secretariat: [(String, Double)] = [("product_released", 1.5), ("feature_released", 2.5), ("source_integrated", 3),
                                               ("gap_identified", 6), ("gap_addressed", 4.5), ("partnership_signed", 2.5),
                                               ("joint_project_started", 1.8), ("event_held", 5), ("material_published", 6), ("mailing", 10)]
        for (kind, rate) in secretariat {
            for _ in 0..<random.poisson(rate * (0.6 + 0.4 * g)) {
                let partner = kind == "partnership_signed" || kind == "joint_project_started" ? active[table.draw(&random)] : nil
                let amount: Double? = switch kind {
                case "mailing": Double(Int(Double(active.count) * (2 + random.unit() * 3)))
                case "source_integrated", "product_released": Double(Int(random.logNormal(median: 400, sigma: 1.1)) + 1)
                default: nil
                }
                let category = kind == "feature_released" ? random.pick(Self.featureCategories) : nil
                add(at(&random), kind, partner, topic: random.pick(DemoNetwork.topics), category: category, amount: amount)
            }
        }
        rows.sort { $0.0 < $1.0 }
        return ([Self.header] + rows.map(\.1)).joined(separator: "\n") + "\n"
    }
}
