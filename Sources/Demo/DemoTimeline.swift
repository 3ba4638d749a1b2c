import Foundation
import Columnar

/// The story the demo tells, year by year: the mechanism grows from its
/// pilot phase (2006) to the end of phase V (2027); COPs meet in May of odd
/// years; raw web logs exist from 2012, analytics exports before; a survey
/// runs at the baseline and at each mid-term and major evaluation.
struct DemoTimeline: Sendable {
    let firstYear = 2006
    let lastYear = 2027
    /// The first year with raw access logs; earlier years come as analytics exports.
    let firstLogYear = 2012

    var years: ClosedRange<Int> { firstYear...lastYear }
    var logYears: ClosedRange<Int> { firstLogYear...lastYear }
    var exportYears: ClosedRange<Int> { firstYear...(firstLogYear - 1) }

    /// Relative activity of a year: the mechanism's use grows about 7 % a
    /// year with a step when the website was relaunched (2012) and a dip in 2020.
    func growth(_ year: Int) -> Double {
        let t = Double(year - firstYear)
        var g = 0.35 * pow(1.07, t)
        if year >= 2012 { g *= 1.15 }
        if year == 2020 { g *= 0.9 }
        return g
    }

    /// Whether a Conference of the Parties meets in `year` (BRS COPs: odd years).
    func isCOPYear(_ year: Int) -> Bool { year % 2 == 1 }

    /// The COP's first day (early May) and length in days.
    func copMeeting(_ year: Int) -> (start: Int64, days: Int)? {
        guard isCOPYear(year) else { return nil }
        return (CivilTime.timestamp(year: year, month: 4, day: 29 + (year % 4 == 1 ? 0 : 2)), 12)
    }

    /// Traffic factor of a day: weekdays above weekends, a summer and a
    /// year-end low, and the weeks around a COP well above the rest.
    func dayFactor(_ day: Int64) -> Double {
        let c = CivilTime.components(day)
        let weekday = Int(((day / 86_400) + 4) % 7)  // 0 = Sunday (1970-01-01 was a Thursday)
        var f = weekday == 0 || weekday == 6 ? 0.45 : 1.1
        switch c.month {
        case 8: f *= 0.7
        case 7: f *= 0.85
        case 12 where c.day > 18: f *= 0.5
        case 1 where c.day < 5: f *= 0.6
        case 9, 10, 11: f *= 1.1
        default: break
        }
        if let cop = copMeeting(c.year) {
            let distance = (day - cop.start) / 86_400
            if distance >= -21, distance < Int64(cop.days) + 7 { f *= distance >= 0 && distance < Int64(cop.days) ? 2.4 : 1.5 }
        }
        return f
    }

    /// A survey of the mechanism's users: when, and which evaluation it serves.
    struct Survey: Sendable {
        var id: String
        var evaluation: String
        var year: Int
        /// Index in time, for growing satisfaction.
        var round: Int

        /// People invited: the mailing list grows each round, and about a
        /// third of those invited answer (see `SurveyExportWriter.respondents`).
        var invited: Int { 900 + 150 * round }

        /// The day the survey opens (it runs six weeks).
        var opens: Int64 { CivilTime.timestamp(year: year, month: 9, day: 15) }
    }

    /// The baseline survey (end of the pilot), then a mid-term survey in the
    /// second year of each phase's first cycle and a major one in the phase's last year.
    var surveys: [Survey] {
        var out = [Survey(id: "chm-survey-2007", evaluation: "baseline", year: 2007, round: 0)]
        for phase in 1...5 {
            let start = 2008 + (phase - 1) * 4
            out.append(Survey(id: "chm-survey-\(start + 1)", evaluation: "mid-term-\(phase)", year: start + 1, round: out.count))
            out.append(Survey(id: "chm-survey-\(start + 3)", evaluation: "major-\(phase)", year: start + 3, round: out.count))
        }
        return out
    }
}

extension CivilTime {
    /// Year, month and day of a UTC instant.
    static func components(_ t: Int64) -> (year: Int, month: Int, day: Int) {
        let d = CivilTime.date(days: CivilTime.day(of: t))
        return (d.year, d.month, d.day)
    }
}
