import Foundation
import Columnar

/// Writes Matomo "API.get" exports (one row per day) for the years before
/// raw access logs were kept, as `chm ingest traffic` reads them.
struct AnalyticsExportWriter {
    let timeline: DemoTimeline
    /// Human visits per day of an average day at growth 1.
    let visitsPerDay: Double

    func export(year: Int, random: inout SeededRandom) -> String {
        var lines = ["date,nb_uniq_visitors,nb_visits,nb_actions,nb_pageviews,nb_downloads,nb_searches,bounce_count,sum_visit_length"]
        let start = CivilTime.timestamp(year: year, month: 1, day: 1)
        let days = CivilTime.isLeap(year) ? 366 : 365
        for d in 0..<days {
            let day = start + Int64(d) * 86_400
            let visits = random.poisson(visitsPerDay * timeline.growth(year) * timeline.dayFactor(day))
            let visitors = Int(Double(visits) * (0.78 + 0.08 * random.unit()))
            let pageviews = Int(Double(visits) * (3.1 + random.unit()))
            let downloads = Int(Double(visits) * (0.35 + 0.2 * random.unit()))
            let searches = Int(Double(visits) * (0.18 + 0.1 * random.unit()))
            let actions = pageviews + downloads + searches
            let bounces = Int(Double(visits) * 0.42)
            lines.append("\(CivilTime.format(day).prefix(10)),\(visitors),\(visits),\(actions),\(pageviews),\(downloads),\(searches),\(bounces),\(visits * 160)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
