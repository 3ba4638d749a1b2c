import Columnar

/// A span the indicators are computed for: a cycle, a phase or an
/// evaluation, with its id for the command line and its name for reports.
public struct Period: Sendable, Hashable {
    /// What kind of period it is.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case cycle
        case phase
        case evaluation
    }

    /// Evaluations the plan foresees (section V, paragraphs 68–71).
    public enum EvaluationKind: String, Sendable, Hashable {
        /// At the end of the pilot phase: the reference values.
        case baseline
        /// Survey-based, in a phase's first cycle, covering that cycle.
        case midTerm = "mid-term"
        /// In a phase's second cycle, covering the whole phase.
        case major
    }

    /// `2024-2025`, `phase-2`, `mid-term-2`, `major-2`, `baseline`.
    public var id: String
    /// `2024–2025`, `Phase II`, `mid-term evaluation of phase II`.
    public var name: String
    public var kind: Kind
    /// For evaluations: which one.
    public var evaluation: EvaluationKind?
    /// The phase it belongs to (`phase-2`; `pilot` for the pilot phase and baseline).
    public var phase: String?
    /// First second of the period, UTC.
    public var start: Int64
    /// First second after the period, UTC.
    public var end: Int64

    /// Whether `t` falls in the period.
    public func contains(_ t: Int64) -> Bool { t >= start && t < end }

    /// Calendar years covered, e.g. "2024–2025" or "2024".
    public var years: String {
        let first = CivilTime.date(days: CivilTime.day(of: start)).year
        let last = CivilTime.date(days: CivilTime.day(of: end - 1)).year
        return first == last ? "\(first)" : "\(first)\u{2013}\(last)"
    }
}
