import CCairo
import Foundation

/// A Cairo surface (PDF or SVG file) and its drawing context, released
/// together; `finish()` flushes the file and reports any Cairo error.
final class Canvas {
    enum Kind {
        case pdf
        case svg
    }

    let surface: OpaquePointer
    let cr: OpaquePointer
    let kind: Kind
    let path: String
    private var finished = false

    /// Opens a surface writing to `path`, `width` × `height` points.
    init(kind: Kind, path: String, width: Double, height: Double) throws {
        let surface: OpaquePointer? = switch kind {
        case .pdf: cairo_pdf_surface_create(path, width, height)
        case .svg: cairo_svg_surface_create(path, width, height)
        }
        guard let surface, cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            if let surface { cairo_surface_destroy(surface) }
            throw ReportError(.output, "cannot create the \(kind == .pdf ? "PDF" : "SVG") file", file: path)
        }
        if kind == .svg {
            cairo_svg_surface_set_document_unit(surface, CAIRO_SVG_UNIT_PT)
        }
        guard let cr = cairo_create(surface) else {
            cairo_surface_destroy(surface)
            throw ReportError(.drawing, "Cairo could not create a drawing context", file: path)
        }
        self.surface = surface
        self.cr = cr
        self.kind = kind
        self.path = path
    }

    deinit {
        cairo_destroy(cr)
        cairo_surface_destroy(surface)
    }

    /// Sets a PDF metadata field (title, author, subject, keywords, dates).
    func setMetadata(_ field: cairo_pdf_metadata_t, _ value: String) {
        guard kind == .pdf, !value.isEmpty else { return }
        cairo_pdf_surface_set_metadata(surface, field, value)
    }

    /// Adds a bookmark; returns its id for children.
    @discardableResult
    func addOutline(parent: Int32, title: String, page: Int, y: Double) -> Int32 {
        guard kind == .pdf else { return 0 }
        let attributes = "page=\(page) pos=[0 \(Self.number(y))]"
        return cairo_pdf_surface_add_outline(surface, parent, title, attributes, CAIRO_PDF_OUTLINE_FLAG_OPEN)
    }

    /// Marks `rect` as a link to a position on a page.
    func link(x: Double, y: Double, width: Double, height: Double, page: Int, targetY: Double) {
        guard kind == .pdf else { return }
        let attributes = "rect=[\(Self.number(x)) \(Self.number(y)) \(Self.number(width)) \(Self.number(height))] page=\(page) pos=[0 \(Self.number(targetY))]"
        cairo_tag_begin(cr, CAIRO_TAG_LINK, attributes)
        cairo_tag_end(cr, CAIRO_TAG_LINK)
    }

    /// Ends the current page.
    func showPage() { cairo_show_page(cr) }

    /// Writes what remains and closes the file.
    func finish() throws {
        guard !finished else { return }
        finished = true
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            let reason = String(cString: cairo_status_to_string(status))
            throw ReportError(.output, "Cairo could not write the file: \(reason)", file: path)
        }
    }

    /// A number for Cairo's attribute strings: the C locale's decimal point, two decimals.
    static func number(_ v: Double) -> String {
        String(format: "%.2f", v)
    }
}
