import Columnar
import Store

/// The `hits` rows of the piece being filled (one store segment's worth),
/// column by column in fixed buffers, handed to the store as they are.
///
/// Not `ColumnBuilder`s: a row touches 21 columns, and appending to a growable
/// array pays a uniqueness check, a capacity check and a validity byte for
/// each, and the chunks they build are packed, measured and unpacked again
/// by the store. Here a row is 21 stores at one index; validity is kept only
/// for the columns that can be null.
///
/// A value type of plain pointers, so that storing a row retains nothing;
/// the memory belongs to an owner object, freed when the last copy goes.
struct HitColumns {
    /// Rows per piece: a store segment, so pieces never straddle segments.
    static let capacity = Workspace.rowsPerSegment

    typealias Column<T> = UnsafeMutablePointer<T>

    // Integer columns.
    let ts: Column<Int64> = column(), status: Column<Int64> = column(), bytes: Column<Int64> = column()
    let visit: Column<Int64> = column()
    // String columns, as dictionary codes (0 for null).
    let site: Column<UInt32> = column(), visitor: Column<UInt32> = column(), method: Column<UInt32> = column()
    let path: Column<UInt32> = column(), query: Column<UInt32> = column(), referrer: Column<UInt32> = column()
    let agent: Column<UInt32> = column(), agentKind: Column<UInt32> = column(), docCategory: Column<UInt32> = column()
    let country: Column<UInt32> = column(), region: Column<UInt32> = column()
    // Booleans, 0 or 1.
    let isBot: Column<UInt8> = column(), isStatic: Column<UInt8> = column(), isDownload: Column<UInt8> = column()
    let isSearch: Column<UInt8> = column(), isPageview: Column<UInt8> = column()
    // Validity (1 = not null) of the columns that can be null.
    let queryValid: Column<UInt8> = column(), referrerValid: Column<UInt8> = column()
    let docCategoryValid: Column<UInt8> = column(), countryValid: Column<UInt8> = column(), regionValid: Column<UInt8> = column()

    /// The `batch` column: one value repeated, filled once.
    let batchColumn: Column<Int64> = column()
    private var batchFilled: Int64?
    private let owner: Owner

    /// Frees the buffers.
    private final class Owner {
        let buffers: [UnsafeMutableRawPointer]
        init(_ buffers: [UnsafeMutableRawPointer]) { self.buffers = buffers }
        deinit { for b in buffers { b.deallocate() } }
    }

    init() {
        let all: [UnsafeMutableRawPointer] = [ts, status, bytes, visit, batchColumn].map { UnsafeMutableRawPointer($0) }
            + [site, visitor, method, path, query, referrer, agent, agentKind, docCategory, country, region].map { UnsafeMutableRawPointer($0) }
            + [isBot, isStatic, isDownload, isSearch, isPageview, queryValid, referrerValid, docCategoryValid, countryValid, regionValid]
            .map { UnsafeMutableRawPointer($0) }
        owner = Owner(all)
    }

    /// The first `rows` rows as column buffers for the store, in the order
    /// of ``HitEncoder/columns``; valid while this object lives and is not written to.
    mutating func buffers(rows: Int, batch: Int64, dictionaries d: [StringDictionary]) -> [ColumnBuffer] {
        typealias C = HitEncoder.C
        if batchFilled != batch {
            batchColumn.update(repeating: batch, count: HitColumns.capacity)
            batchFilled = batch
        }
        let schema = HitEncoder.columns
        func of<T>(_ c: Column<T>) -> UnsafeBufferPointer<T> { UnsafeBufferPointer(start: c, count: rows) }
        func integers(_ column: Int, _ c: Column<Int64>) -> ColumnBuffer { ColumnBuffer(schema[column], .integers(of(c))) }
        func booleans(_ column: Int, _ c: Column<UInt8>) -> ColumnBuffer { ColumnBuffer(schema[column], .booleans(of(c))) }
        func strings(_ column: Int, _ c: Column<UInt32>, _ valid: Column<UInt8>? = nil) -> ColumnBuffer {
            ColumnBuffer(schema[column], .codes(of(c), dictionary: d[column]), valid: valid.map(of))
        }
        var out: [ColumnBuffer] = []
        out.reserveCapacity(schema.count)
        out.append(integers(C.ts, ts))
        out.append(strings(C.site, site))
        out.append(strings(C.visitor, visitor))
        out.append(strings(C.method, method))
        out.append(strings(C.path, path))
        out.append(strings(C.query, query, queryValid))
        out.append(integers(C.status, status))
        out.append(integers(C.bytes, bytes))
        out.append(strings(C.referrer, referrer, referrerValid))
        out.append(strings(C.agent, agent))
        out.append(strings(C.agentKind, agentKind))
        out.append(booleans(C.isBot, isBot))
        out.append(booleans(C.isStatic, isStatic))
        out.append(booleans(C.isDownload, isDownload))
        out.append(strings(C.docCategory, docCategory, docCategoryValid))
        out.append(booleans(C.isSearch, isSearch))
        out.append(strings(C.country, country, countryValid))
        out.append(strings(C.region, region, regionValid))
        out.append(booleans(C.isPageview, isPageview))
        out.append(integers(C.visit, visit))
        out.append(integers(C.batch, batchColumn))
        return out
    }
}

/// A column buffer of one piece of rows.
private func column<T>() -> UnsafeMutablePointer<T> {
    UnsafeMutablePointer<T>.allocate(capacity: HitColumns.capacity)
}
