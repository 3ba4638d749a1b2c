import CCairo
import CPango

/// A paragraph shaped by Pango: its lines with their heights, so the
/// paginator can split it between pages and draw any run of its lines.
final class TextLayout {
    /// One shaped line: offsets in points from the layout's top-left corner.
    struct Line {
        var top: Double
        var height: Double
        var baseline: Double
        var x: Double
        var width: Double
    }

    let layout: OpaquePointer
    let lines: [Line]
    /// The widest line's logical width.
    let width: Double
    let height: Double
    let grey: Double
    /// Pointers to the layout's lines, valid while the layout lives.
    private let handles: [UnsafeMutablePointer<PangoLayoutLine>]

    init(text: String, style: TextStyle, width: Double?, typesetter: Typesetter) {
        let layout = pango_layout_new(typesetter.context)!
        self.layout = layout
        grey = style.grey
        let description = pango_font_description_from_string(typesetter.families)
        pango_font_description_set_absolute_size(description, style.size * Double(chm_pango_scale()))
        pango_font_description_set_weight(description, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        pango_font_description_set_style(description, style.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL)
        pango_layout_set_font_description(layout, description)
        pango_font_description_free(description)
        // The language picks CJK glyph forms (Simplified Chinese, not Japanese) and Arabic shaping.
        let attributes = pango_attr_list_new()
        pango_attr_list_insert(attributes, pango_attr_language_new(typesetter.language))
        pango_layout_set_attributes(layout, attributes)
        pango_attr_list_unref(attributes)
        let scale = Double(chm_pango_scale())
        if let width {
            pango_layout_set_width(layout, Int32(width * scale))
            pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        }
        pango_layout_set_spacing(layout, Int32(style.leading * scale))
        // Arabic: the paragraph runs right to left whatever its first character, and "start" is the right edge.
        pango_layout_set_auto_dir(layout, typesetter.rightToLeft ? 0 : 1)
        let rtl = typesetter.rightToLeft
        switch style.alignment {
        case .start: pango_layout_set_alignment(layout, rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT)
        case .end: pango_layout_set_alignment(layout, rtl ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT)
        case .center: pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER)
        case .justified:
            pango_layout_set_alignment(layout, rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT)
            pango_layout_set_justify(layout, 1)
        }
        pango_layout_set_text(layout, text, -1)

        var lines: [Line] = []
        var handles: [UnsafeMutablePointer<PangoLayoutLine>] = []
        let iter = pango_layout_get_iter(layout)
        repeat {
            var logical = PangoRectangle()
            pango_layout_iter_get_line_extents(iter, nil, &logical)
            let baseline = Double(pango_layout_iter_get_baseline(iter)) / scale
            lines.append(Line(top: Double(logical.y) / scale, height: Double(logical.height) / scale, baseline: baseline,
                              x: Double(logical.x) / scale, width: Double(logical.width) / scale))
            handles.append(pango_layout_iter_get_line_readonly(iter))
        } while pango_layout_iter_next_line(iter) != 0
        pango_layout_iter_free(iter)
        var logical = PangoRectangle()
        pango_layout_get_extents(layout, nil, &logical)
        self.lines = lines
        self.handles = handles
        self.width = width ?? Double(logical.width) / scale
        height = Double(logical.height) / scale
    }

    deinit { chm_g_object_unref(UnsafeMutableRawPointer(layout)) }

    /// The natural width of the longest line (for unwrapped labels).
    var inkWidth: Double { lines.map(\.width).max() ?? 0 }

    /// Height of lines `range`, from the first one's top to the last one's bottom.
    func height(of range: Range<Int>) -> Double {
        guard let first = range.first, range.count > 0 else { return 0 }
        let last = lines[range.upperBound - 1]
        return last.top + last.height - lines[first].top
    }

    /// Draws lines `range` with the first one's top at (x, y).
    func draw(_ cr: OpaquePointer, x: Double, y: Double, lines range: Range<Int>? = nil) {
        let range = range ?? 0..<lines.count
        guard let first = range.first else { return }
        let top = lines[first].top
        cairo_set_source_rgb(cr, grey, grey, grey)
        for i in range {
            cairo_move_to(cr, x + lines[i].x, y + lines[i].baseline - top)
            pango_cairo_show_layout_line(cr, handles[i])
        }
    }
}
