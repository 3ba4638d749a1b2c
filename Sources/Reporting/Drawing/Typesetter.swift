import CCairo
import CPango

/// Owns a Pango font map and context used both to measure and to draw
/// text, so a layout measured once draws the same on a PDF or SVG page.
///
/// Not `Sendable`: one thread at a time uses a typesetter (a Pango font
/// map must not be used by two at once); it passes from the thread that
/// made it to the one that lays out only once the first is done with it.
final class Typesetter {
    let fontMap: UnsafeMutablePointer<PangoFontMap>
    let context: OpaquePointer
    let language: OpaquePointer?
    /// Right-to-left script (Arabic): mirrored alignment.
    let rightToLeft: Bool
    /// The family list for body text, e.g. "Noto Sans, Noto Sans CJK SC".
    let families: String

    /// - Parameters:
    ///   - languageTag: Pango language tag (`en`, `zh-cn`, `ar` …).
    ///   - families: comma-separated font families.
    init(languageTag: String, families: String, rightToLeft: Bool) throws {
        guard let map = pango_cairo_font_map_new() else { throw ReportError(.drawing, "Pango could not create a font map") }
        guard let ctx = pango_font_map_create_context(map) else {
            chm_g_object_unref(UnsafeMutableRawPointer(map))
            throw ReportError(.drawing, "Pango could not create a context")
        }
        fontMap = map
        context = ctx
        language = pango_language_from_string(languageTag)
        self.rightToLeft = rightToLeft
        self.families = families
        // Metrics independent of any device, so measuring and drawing agree on every surface.
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        pango_cairo_context_set_font_options(ctx, options)
        // Unrounded glyph positions: widths scale with the font size, so fitted text fits.
        pango_context_set_round_glyph_positions(ctx, 0)
        cairo_font_options_destroy(options)
        pango_context_set_language(ctx, language)
        if rightToLeft {
            pango_context_set_base_dir(ctx, PANGO_DIRECTION_RTL)
        }
    }

    deinit {
        chm_g_object_unref(UnsafeMutableRawPointer(context))
        chm_g_object_unref(UnsafeMutableRawPointer(fontMap))
    }

    /// Layouts made so far: a report asks for the same text in the same
    /// style and width many times (a word measured for a column's width and
    /// again for the next row, a heading measured to keep it with what follows
    /// and again to place it, "–" in every empty cell), and a layout, once
    /// made, is only read.
    private var _layouts: [_LayoutKey: TextLayout] = [:]

    /// The fonts (size, weight, slant) of every text laid out so far.
    var fontsUsed: Set<TextStyle> {
        Set(_layouts.keys.map { TextStyle(size: $0.style.size, bold: $0.style.bold, italic: $0.style.italic) })
    }

    /// Every text laid out so far, with its style and width (for tests).
    var textsLaidOut: Set<String> { Set(_layouts.keys.map { "\($0.text)|\($0.style)|\($0.width ?? -1)" }) }

    /// Lays out `text` in a style, wrapped to `width` points (nil: no wrapping).
    func layout(_ text: String, style: TextStyle, width: Double?) -> TextLayout {
        let key = _LayoutKey(text: text, style: style, width: width)
        if let made = _layouts[key] { return made }
        let made = TextLayout(text: text, style: style, width: width, typesetter: self)
        _layouts[key] = made
        return made
    }

    /// Loads, ahead of the text that needs them, the fonts of every style
    /// in `styles` (their font, size, weight and slant; alignment and
    /// spacing do not matter), shaping `sample` in each.
    ///
    /// Pango sorts the system's fonts anew for each size, weight and slant
    /// the first time one is asked for (about 4 ms each, 8 ms with Arabic
    /// or Chinese fallbacks): a report's 13–27 styles cost about as much as
    /// all its other text. Done while the report's data are read, that time
    /// is not spent after them.
    func warmUp(_ styles: [TextStyle], sample: String) {
        var seen = Set<TextStyle>()
        for style in styles {
            let font = TextStyle(size: style.size, bold: style.bold, italic: style.italic)
            guard seen.insert(font).inserted else { continue }
            // Not kept: a sample is no report's text.
            _ = TextLayout(text: sample, style: font, width: nil, typesetter: self)
        }
    }
}

/// What makes two layouts the same: the text, its style and the width it wraps to.
private struct _LayoutKey: Hashable {
    var text: String
    var style: TextStyle
    var width: Double?
}

/// How a piece of text looks.
struct TextStyle: Hashable {
    enum Alignment: Hashable {
        /// Toward the start of the line: left in English, right in Arabic.
        case start
        case center
        case end
        case justified
    }

    var size: Double = 10
    var bold = false
    var italic = false
    var alignment: Alignment = .start
    /// Extra space between lines, in points.
    var leading: Double = 1.5
    /// Grey level of the text, 0 black.
    var grey: Double = 0

    func with(_ change: (inout TextStyle) -> Void) -> TextStyle {
        var copy = self
        change(&copy)
        return copy
    }
}
