import Columnar
import Foundation

/// One checked contribution, ready to be stored.
struct ContributionRecord: Equatable {
    var ts: Int64
    var kind: String
    var actor: String?
    var actorCategory: String?
    var country: String?
    var region: String?
    var sector: String?
    var collective: Bool
    var topic: String?
    var category: String?
    var amount: Double?
    var ref: String?
    var closedTS: Int64?

    /// Appends the record to the builders of ``ContributionField/schema``, in order.
    func append(to builders: inout [ColumnBuilder], batch: Int64) {
        func string(_ i: Int, _ v: String?) {
            if let v { builders[i].append(string: v) } else { builders[i].appendNull() }
        }
        builders[0].append(integer: ts)
        builders[1].append(string: kind)
        string(2, actor)
        string(3, actorCategory)
        string(4, country)
        string(5, region)
        string(6, sector)
        builders[7].append(bool: collective)
        string(8, topic)
        string(9, category)
        if let amount { builders[10].append(float: amount) } else { builders[10].appendNull() }
        string(11, ref)
        if let closedTS { builders[12].append(integer: closedTS) } else { builders[12].appendNull() }
        builders[13].append(integer: batch)
    }
}
