import Columnar

extension _ColumnAccumulator {
    /// The statistics of the rows held, computed from the non-null values.
    func statistics() -> ColumnStatistics {
        guard nullCount < count else { return .allNull(rowCount: count) }
        let bounds: ColumnStatistics.Bounds?
        switch type {
        case .int64, .timestamp, .date, .string:
            var lo = Int64.max, hi = Int64.min
            if nullCount == 0 {
                // No validity to consult: a plain pass the compiler vectorises.
                integers.withUnsafeBufferPointer { all in
                    for v in all[0..<count] {
                        lo = Swift.min(lo, v)
                        hi = Swift.max(hi, v)
                    }
                }
            } else {
                for i in 0..<count where isValid(i) {
                    lo = Swift.min(lo, integers[i])
                    hi = Swift.max(hi, integers[i])
                }
            }
            bounds = type == .string ? .codes(min: UInt32(lo), max: UInt32(hi)) : .integers(min: lo, max: hi)
        case .bool:
            var hasFalse = false, hasTrue = false
            for i in 0..<count where isValid(i) {
                if integers[i] != 0 { hasTrue = true } else { hasFalse = true }
            }
            bounds = .booleans(hasFalse: hasFalse, hasTrue: hasTrue)
        case .float64:
            var lo = Double.infinity, hi = -Double.infinity
            var any = false
            for i in 0..<count where isValid(i) && !floats[i].isNaN {
                any = true
                lo = Swift.min(lo, floats[i])
                hi = Swift.max(hi, floats[i])
            }
            bounds = any ? .floats(min: lo, max: hi) : nil
        }
        return ColumnStatistics(rowCount: count, nullCount: nullCount, bounds: bounds)
    }

    /// Encodes the rows held into a segment (see `_SegmentFormat`), picking
    /// the smallest layout. Null slots may be overwritten; call `reset()` after.
    mutating func encode() -> _EncodedSegment {
        let statistics: ColumnStatistics
        var survey: _IntegerCodec.Survey?
        if type == .float64 || nullCount == count {
            statistics = self.statistics()
        } else {
            // Once nulls repeat a neighbour's value, the bounds of all rows are
            // those of the non-null ones: one pass gives the statistics and the codec's range.
            fillNullIntegers()
            let surveyed = integers.withUnsafeBufferPointer {
                let values = UnsafeBufferPointer(rebasing: $0[0..<count])
                return type == .bool ? _IntegerCodec.surveyFlags(values) : _IntegerCodec.survey(values)
            }
            survey = surveyed
            let (lo, hi) = (surveyed.min, surveyed.max)
            let b: ColumnStatistics.Bounds = switch type {
            case .bool: .booleans(hasFalse: lo == 0, hasTrue: hi != 0)
            case .string: .codes(min: UInt32(lo), max: UInt32(hi))
            default: .integers(min: lo, max: hi)
            }
            statistics = ColumnStatistics(rowCount: count, nullCount: nullCount, bounds: b)
        }
        var writer = _ByteWriter(capacity: 64 + count * (type == .float64 ? 8 : 4))
        let flagsOffset = 2
        writer.append(_SegmentFormat.version)
        writer.append(type.rawValue)
        writer.append(UInt8(0))
        writer.append(UInt8(0))
        writer.append(UInt32(count))
        var flags: UInt8 = 0
        if nullCount > 0 {
            flags |= _SegmentFormat.hasValidity
            for w in validity.prefix((count + 63) >> 6) { writer.append(w) }
        }
        let encoding: String
        if type == .float64 {
            let (name, body, floatFlags) = encodeFloats()
            encoding = name
            flags |= floatFlags
            body.withUnsafeBytes { writer.append(contentsOf: $0) }
        } else {
            encoding = integers.withUnsafeBufferPointer {
                _IntegerCodec.encode(UnsafeBufferPointer(rebasing: $0[0..<count]), survey: survey, into: &writer)
            }
        }
        writer.set(flags, at: flagsOffset)
        let checksum = writer.appendChecksum()
        return _EncodedSegment(blob: writer.bytes, checksum: checksum, encoding: encoding, statistics: statistics)
    }

    /// Floats go in as integers when every non-null value is integral and
    /// exact (counts, amounts), which is smaller; otherwise as raw doubles.
    private func encodeFloats() -> (name: String, body: [UInt8], flags: UInt8) {
        var integral = true
        for i in 0..<count where isValid(i) {
            let v = floats[i]
            if !(v.magnitude <= _SegmentFormat.exactIntegerLimit && v == v.rounded(.towardZero))
                || (v == 0 && v.sign == .minus) {
                integral = false
                break
            }
        }
        if integral {
            var values = [Int64](repeating: 0, count: count)
            var previous: Int64 = 0
            var seen = false
            for i in 0..<count where isValid(i) {
                previous = Int64(floats[i])
                seen = true
                break
            }
            for i in 0..<count {
                if isValid(i) { previous = Int64(floats[i]) }
                values[i] = seen ? previous : 0
            }
            var body = _ByteWriter(capacity: count * 2)
            let name = values.withUnsafeBufferPointer { _IntegerCodec.encode($0, into: &body) }
            if body.count < count * 8 {
                return ("integral-" + name, body.bytes, _SegmentFormat.integralFloats)
            }
        }
        var body = _ByteWriter(capacity: count * 8)
        for i in 0..<count { body.append(floats[i].bitPattern) }
        return ("raw", body.bytes, _SegmentFormat.rawFloats)
    }
}
