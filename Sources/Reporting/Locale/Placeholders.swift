/// `{name}` placeholders filled in one pass over a text.
///
/// A report fills some ten placeholders into every one of its strings;
/// replacing them one name at a time searched each string ten times.
/// Values are inserted as they are: a value containing `{name}` is not
/// filled again (one name at a time, it would have been or not depending
/// on the order names came in).
enum Placeholders {
    /// `text` with each `{name}` whose name `values` has replaced by its value; others left as written.
    static func fill(_ text: String, _ values: [String: String]) -> String {
        let open = UInt8(ascii: "{"), close = UInt8(ascii: "}")
        guard !values.isEmpty, text.utf8.contains(open) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 32)
        var rest = text[...]
        while let brace = rest.utf8.firstIndex(of: open) {
            out += rest[..<brace]
            let name = rest.utf8.index(after: brace)
            if let end = rest.utf8[name...].firstIndex(of: close), let value = values[String(rest[name..<end])] {
                out += value
                rest = rest[rest.utf8.index(after: end)...]
            } else {
                out += "{"
                rest = rest[name...]
            }
        }
        out += rest
        return out
    }
}
