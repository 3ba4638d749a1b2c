/// A parsed strftime format: literal text and conversion specifiers, in
/// the subset DuckDB supports (%Y %m %d %H %M %S %j %a %A %b %B %y %p %I
/// %W %U %u %w %V %G %z %Z %% and the `%-` unpadded forms).
struct StrftimeFormat: Sendable, Equatable {
    enum Piece: Sendable, Equatable {
        case text(String)
        case field(Character, padded: Bool)
    }

    let pieces: [Piece]
    /// Whether the output depends on the time of day (else one result per day).
    let usesTime: Bool

    static let weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                         "October", "November", "December"]

    init(_ format: String) throws {
        var pieces: [Piece] = []
        var text = ""
        var chars = Array(format)[...]
        while let c = chars.popFirst() {
            guard c == "%" else { text.append(c); continue }
            var padded = true
            guard var spec = chars.popFirst() else { throw runtimeError("strftime format ends with a lone %") }
            if spec == "-" {
                padded = false
                guard let s = chars.popFirst() else { throw runtimeError("strftime format ends with %-") }
                spec = s
            }
            if spec == "%" { text.append("%"); continue }
            guard "YmdHMSjaAbByzpIWUuwVGZfT".contains(spec) else {
                throw runtimeError("unsupported strftime specifier %\(spec)")
            }
            if !text.isEmpty { pieces.append(.text(text)); text = "" }
            pieces.append(.field(spec, padded: padded))
        }
        if !text.isEmpty { pieces.append(.text(text)) }
        self.pieces = pieces
        usesTime = pieces.contains { if case .field(let c, _) = $0 { "HMSpIfT".contains(c) } else { false } }
    }

    /// The `date_trunc` unit whose periods the format names one-to-one, when
    /// there is one: `%Y-%m` names months, `%Y-%m-%d %H` hours. A group key
    /// `strftime(ts, format)` can then be computed on the truncated time and
    /// formatted once per group.
    var truncationUnit: TimeUnit? {
        var fields = Set<Character>()
        for case .field(let c, _) in pieces { fields.insert(c) }
        guard fields.isSubset(of: "YmbBdjaAuwHMST") else { return nil }
        let hasTime = fields.contains("T")
        let year = fields.contains("Y")
        let month = year && !fields.isDisjoint(with: "mbB")
        let day = year && ((month && fields.contains("d")) || fields.contains("j"))
        let hour = day && (fields.contains("H") || hasTime)
        let minute = hour && (fields.contains("M") || hasTime)
        let second = minute && (fields.contains("S") || hasTime)
        // The finest field decides the unit; the coarser ones must all be present.
        if !fields.isDisjoint(with: "ST") { return second ? .second : nil }
        if fields.contains("M") { return minute ? .minute : nil }
        if fields.contains("H") { return hour ? .hour : nil }
        if !fields.isDisjoint(with: "djaAuw") { return day ? .day : nil }
        if !fields.isDisjoint(with: "mbB") { return month ? .month : nil }
        return year ? .year : nil
    }

    func format(_ t: Int64) -> String {
        let d = CivilTime.day(of: t)
        let (year, month, day) = DayTable.shared.civil(d)
        let seconds = Int(t - d * CivilTime.secondsPerDay)
        let hour = seconds / 3600, minute = seconds / 60 % 60, second = seconds % 60
        let weekday = CivilTime.isoWeekday(days: d) % 7 // Sunday = 0
        var out = ""
        func num(_ v: Int, _ width: Int, _ padded: Bool) {
            if padded { CivilTime.appendPadded(&out, v, width: width) } else { out += String(v) }
        }
        for piece in pieces {
            switch piece {
            case .text(let s): out += s
            case .field(let c, let padded):
                switch c {
                case "Y": num(year, 4, padded)
                case "m": num(month, 2, padded)
                case "d": num(day, 2, padded)
                case "H": num(hour, 2, padded)
                case "M": num(minute, 2, padded)
                case "S": num(second, 2, padded)
                case "j": num(DayTable.shared.dayOfYear(d), 3, padded)
                case "a": out += String(StrftimeFormat.weekdays[weekday].prefix(3))
                case "A": out += StrftimeFormat.weekdays[weekday]
                case "b": out += String(StrftimeFormat.months[month - 1].prefix(3))
                case "B": out += StrftimeFormat.months[month - 1]
                case "y": num(((year % 100) + 100) % 100, 2, padded)
                case "p": out += hour < 12 ? "AM" : "PM"
                case "I": num(hour % 12 == 0 ? 12 : hour % 12, 2, padded)
                case "u": out += String(weekday == 0 ? 7 : weekday)
                case "w": out += String(weekday)
                case "U", "W":
                    // Weeks starting on Sunday (%U) or Monday (%W); days before the first are week 0.
                    let doy = DayTable.shared.dayOfYear(d) - 1
                    let wd = c == "U" ? weekday : (weekday + 6) % 7
                    num((doy + 7 - wd) / 7, 2, padded)
                case "V": num(DayTable.shared.isoWeek(d).week, 2, padded)
                case "G": num(DayTable.shared.isoWeek(d).year, 4, padded)
                case "z": out += "+00"
                case "Z": break
                case "f": out += "000000"
                case "T":
                    num(hour, 2, true); out += ":"; num(minute, 2, true); out += ":"; num(second, 2, true)
                default: break
                }
            }
        }
        return out
    }
}
