import Columnar
@testable import Ingest
import Store
import Testing

/// Every importer writes its table with the canonical columns the indicator
/// checks rely on, in the same order.
@Suite struct CanonicalSchemaTests {
    @Test func importersWriteTheCanonicalColumns() {
        func names(_ columns: [ColumnSchema]) -> [String] { columns.map { "\($0.name):\($0.type)" } }
        #expect(names(HitEncoder.columns) == names(CanonicalSchema.hits.columns))
        #expect(names(TrafficRow.schema) == names(CanonicalSchema.traffic.columns))
        #expect(names(SurveyImport.columns) == names(CanonicalSchema.responses.columns))
        #expect(names(ContributionField.schema) == names(CanonicalSchema.contributions.columns))
    }
}
