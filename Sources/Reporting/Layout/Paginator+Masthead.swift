extension Paginator {
    /// The first-page block of a UN document: organisation and symbols,
    /// distribution, meeting per convention, agenda item, title.
    func place(_ m: Masthead) {
        pages[pages.count - 1].header = false
        y = 40
        let small = TextStyle(size: 9, leading: 1)
        let half = width / 2
        let organisation = typesetter.layout(m.organisation, style: TextStyle(size: 11, bold: true), width: half)
        add(.text(organisation, lines: 0..<organisation.lines.count, x: left, y: y + 4, width: half))
        let symbols = typesetter.layout(m.symbols.joined(separator: "\n"), style: TextStyle(size: m.symbols.count > 1 ? 11 : 15, bold: true, alignment: .end, leading: 2),
                                        width: width - half)
        add(.text(symbols, lines: 0..<symbols.lines.count, x: left + half, y: y, width: width - half))
        y += max(symbols.height, organisation.height + 4) + 4
        add(.rule(x: left, y: y, width: width, weight: 1.5))
        y += 6
        // The emblem area: the organ's name in a ring, then the distribution block opposite.
        let organ = typesetter.layout(m.organ, style: TextStyle(size: 20, bold: true, alignment: .center), width: 90)
        add(.text(organ, lines: 0..<organ.lines.count, x: left, y: y + 10, width: 90))
        let distribution = typesetter.layout(m.distribution.joined(separator: "\n"), style: small.with { $0.leading = 2 }, width: 150)
        add(.text(distribution, lines: 0..<distribution.lines.count, x: left + width - 150, y: y + 4, width: 150))
        y += max(organ.height + 20, distribution.height + 8) + 4
        add(.rule(x: left, y: y, width: width, weight: 3))
        y += 10
        var markCount = 0
        for meeting in m.meetings {
            let mark = meeting.footnote.map { _ in
                markCount += 1
                return String(repeating: "*", count: markCount)
            }
            let lines = [meeting.conference, meeting.session, meeting.placeAndDates, meeting.agendaItem + (mark ?? "")]
            let block = typesetter.layout(lines.joined(separator: "\n"), style: small, width: half + 40)
            let conference = typesetter.layout(meeting.conference, style: small.with { $0.bold = true }, width: half + 40)
            reserve(block.height + 8)
            add(.text(conference, lines: 0..<conference.lines.count, x: left, y: y, width: half + 40))
            let rest = typesetter.layout(Array(lines.dropFirst()).joined(separator: "\n"), style: small, width: half + 40)
            add(.text(rest, lines: 0..<rest.lines.count, x: left, y: y + conference.height + 1, width: half + 40))
            y += conference.height + rest.height + 8
            if let note = meeting.footnote, let mark { _ = footnote(note, mark: mark) }
        }
        if !m.agendaTitle.isEmpty {
            let agenda = typesetter.layout(m.agendaTitle, style: small.with { $0.bold = true }, width: half + 40)
            add(.text(agenda, lines: 0..<agenda.lines.count, x: left, y: y, width: half + 40))
            y += agenda.height + 14
        }
        let title = typesetter.layout(m.title, style: TextStyle(size: 14, bold: true, leading: 1.5), width: width - Self.numberColumn)
        add(.text(title, lines: 0..<title.lines.count, x: left + Self.numberColumn, y: y, width: width - Self.numberColumn))
        y += title.height + 8
        if !m.subtitle.isEmpty {
            let subtitle = typesetter.layout(m.subtitle, style: TextStyle(size: 11, bold: true), width: width - Self.numberColumn)
            add(.text(subtitle, lines: 0..<subtitle.lines.count, x: left + Self.numberColumn, y: y, width: width - Self.numberColumn))
            y += subtitle.height + 12
        }
    }
}
