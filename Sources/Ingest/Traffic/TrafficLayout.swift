/// The analytics tool an export comes from; stored in `traffic.source`.
public enum TrafficLayout: String, CaseIterable, Sendable {
    /// Matomo (formerly Piwik) CSV exports: the Visits Summary (or API.get)
    /// report, and the Pages and Downloads reports.
    case matomo
    /// Google Analytics 4 CSV downloads: `#` comment blocks, one or more tables.
    case ga4
}

/// The span one `traffic` row covers, stored in `traffic.period` so that
/// sums never mix a month's total with its days.
public enum TrafficPeriod: String, CaseIterable, Sendable {
    /// One day; `date` is that day.
    case day
    /// A Monday-to-Sunday week; `date` is its Monday.
    case week
    /// A calendar month; `date` is its first day.
    case month
    /// A calendar year; `date` is 1 January.
    case year
}

/// Which Matomo report a file is; the three count different things.
public enum MatomoReport: String, CaseIterable, Sendable {
    /// Visits Summary (`VisitsSummary.get`) or the merged `API.get`: one row per period.
    case summary
    /// Pages (`Actions.getPageUrls`): one row per page and period; page views are summed.
    case pages
    /// Downloads (`Actions.getDownloads`): one row per file and period; downloads are summed.
    case downloads
}

/// The five measures of a `traffic` row.
enum TrafficMeasure: Int, CaseIterable {
    case visits, visitors, pageviews, downloads, searches

    /// The column name.
    var name: String { String(describing: self) }

    /// Whether two rows' values may be added to give the total of both:
    /// visits, views, downloads and searches may; visitors may not, as one
    /// visitor may appear in several rows.
    var isAdditive: Bool { self != .visitors }
}
