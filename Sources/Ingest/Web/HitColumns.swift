import Columnar
import Store

/// The `hits` rows of the piece being filled (one store segment's worth),
/// column by column in fixed buffers, packed into column chunks when full.
///
/// Not `ColumnBuilder`s: a row touches 21 columns, and appending to a growable
/// array pays a uniqueness check, a capacity check and a validity byte for
/// each. Here a row is 21 stores at one index; validity is kept only for the
/// columns that can be null.
///
/// A final class because it owns raw memory, freed when the ingest ends.
final class HitColumns {
    /// Rows per piece: a store segment, so pieces never straddle segments.
    static let capacity = Workspace.rowsPerSegment

    // Plain pointers rather than objects, so that storing a row retains nothing.
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

    deinit {
        for p in [ts, status, bytes, visit] { p.deallocate() }
        for p in [site, visitor, method, path, query, referrer, agent, agentKind, docCategory, country, region] { p.deallocate() }
        for p in [isBot, isStatic, isDownload, isSearch, isPageview, queryValid, referrerValid, docCategoryValid, countryValid, regionValid] {
            p.deallocate()
        }
    }

    /// The chunks of the first `rows` rows, in the order of ``HitEncoder/columns``.
    func chunks(rows: Int, batch: Int64, dictionaries d: [StringDictionary]) -> [ColumnChunk] {
        typealias C = HitEncoder.C
        func strings(_ c: Column<UInt32>, _ valid: Column<UInt8>?, _ column: Int) -> ColumnChunk {
            let codes = UnsafeBufferPointer(start: c, count: rows)
            let maximum = UInt32(Swift.max(0, d[column].count - 1))
            let packed: PackedIntegers = maximum <= UInt32(UInt8.max) ? .uint8(codes.map { UInt8(truncatingIfNeeded: $0) })
                : maximum <= UInt32(UInt16.max) ? .uint16(codes.map { UInt16(truncatingIfNeeded: $0) }) : .uint32(Array(codes))
            return ColumnChunk(type: .string, storage: .strings(codes: packed, dictionary: d[column]), validity: validity(valid))
        }
        func validity(_ valid: Column<UInt8>?) -> Bitmap? {
            guard let valid else { return nil }
            let flags = UnsafeBufferPointer(start: valid, count: rows)
            return flags.contains(0) ? Bitmap(bytes: flags) : nil
        }
        func integers(_ c: Column<Int64>, type: DataType = .int64) -> ColumnChunk {
            let values = UnsafeBufferPointer(start: c, count: rows)
            var lo = Int64.max, hi = Int64.min
            for v in values {
                lo = Swift.min(lo, v)
                hi = Swift.max(hi, v)
            }
            if lo > hi { lo = 0; hi = 0 }
            let span = UInt64(bitPattern: hi &- lo)
            let packed: PackedIntegers = span <= UInt64(UInt8.max) ? .uint8(values.map { UInt8(truncatingIfNeeded: $0 &- lo) })
                : span <= UInt64(UInt16.max) ? .uint16(values.map { UInt16(truncatingIfNeeded: $0 &- lo) })
                : span <= UInt64(UInt32.max) ? .uint32(values.map { UInt32(truncatingIfNeeded: $0 &- lo) })
                : .uint64(values.map { UInt64(bitPattern: $0 &- lo) })
            return ColumnChunk(type: type, storage: .integers(base: lo, offsets: packed), validity: nil)
        }
        func booleans(_ c: Column<UInt8>) -> ColumnChunk {
            ColumnChunk(type: .bool, storage: .booleans(Array(UnsafeBufferPointer(start: c, count: rows))), validity: nil)
        }
        let constant = ColumnChunk(type: .int64, storage: .integers(base: batch, offsets: .uint8([UInt8](repeating: 0, count: rows))), validity: nil)
        var out = [ColumnChunk](repeating: constant, count: HitEncoder.columns.count)
        out[C.ts] = integers(ts, type: .timestamp)
        out[C.site] = strings(site, nil, C.site)
        out[C.visitor] = strings(visitor, nil, C.visitor)
        out[C.method] = strings(method, nil, C.method)
        out[C.path] = strings(path, nil, C.path)
        out[C.query] = strings(query, queryValid, C.query)
        out[C.status] = integers(status)
        out[C.bytes] = integers(bytes)
        out[C.referrer] = strings(referrer, referrerValid, C.referrer)
        out[C.agent] = strings(agent, nil, C.agent)
        out[C.agentKind] = strings(agentKind, nil, C.agentKind)
        out[C.isBot] = booleans(isBot)
        out[C.isStatic] = booleans(isStatic)
        out[C.isDownload] = booleans(isDownload)
        out[C.docCategory] = strings(docCategory, docCategoryValid, C.docCategory)
        out[C.isSearch] = booleans(isSearch)
        out[C.country] = strings(country, countryValid, C.country)
        out[C.region] = strings(region, regionValid, C.region)
        out[C.isPageview] = booleans(isPageview)
        out[C.visit] = integers(visit)
        return out
    }
}

/// A column buffer of one piece of rows.
private func column<T>() -> UnsafeMutablePointer<T> {
    UnsafeMutablePointer<T>.allocate(capacity: HitColumns.capacity)
}
