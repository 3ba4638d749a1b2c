import Evaluation
import Testing

@Suite struct WilsonIntervalTests {
    @Test func matchesThePublishedChecks() throws {
        // 45 of 60 → 62.8 %–84.2 % (INDICATORS.md's check values).
        let w = try #require(WilsonInterval(successes: 45, n: 60))
        #expect(abs(w.lower - 0.6277) < 0.0005)
        #expect(abs(w.upper - 0.8422) < 0.0005)
        // 0 of 12 → 0 %–24.2 %.
        let zero = try #require(WilsonInterval(successes: 0, n: 12))
        #expect(zero.lower == 0)
        #expect(abs(zero.upper - 0.2425) < 0.0005)
    }

    @Test func allSuccessesReachOne() throws {
        let w = try #require(WilsonInterval(successes: 12, n: 12))
        #expect(w.upper == 1)
        #expect(abs(w.lower - (1 - 0.2425)) < 0.0005)
    }

    @Test func noIntervalWithoutAnswers() {
        #expect(WilsonInterval(successes: 0, n: 0) == nil)
        #expect(WilsonInterval(successes: 5, n: 4) == nil)
    }
}

@Suite struct ProgressRatingTests {
    func rate(_ current: Double, target: Double? = nil, direction: ProgressRating.Direction = .higher, limit: Double? = nil,
              baseline: Double = 100) -> ProgressRating? {
        ProgressRating.rate(baseline: (baseline, 2008), current: (current, 2012), target: target.map { ($0, 2016) },
                            direction: direction, limit: limit)
    }

    @Test func withATargetTheRatioOfGrowthRatesDecides() {
        // Needed: 2^(1/8) − 1 = 9.05 % a year.
        #expect(rate(150, target: 200) == .onTrack)                 // 10.67 %: ratio 1.18
        #expect(rate(125, target: 200) == .accelerationNeeded)      // 5.74 %: ratio 0.63
        #expect(rate(105, target: 200) == .limitedProgress)         // 1.23 %: ratio 0.14
        #expect(rate(90, target: 200) == .deterioration)            // negative growth
    }

    @Test func withoutATargetFixedThresholds() {
        #expect(rate(107) == .onTrack)                  // 1.71 % a year
        #expect(rate(106) == .accelerationNeeded)       // 1.47 %
        #expect(rate(101) == .limitedProgress)          // 0.25 %
        #expect(rate(99) == .deterioration)
        // Lower is better: a fall of 10 % over four years is progress.
        #expect(rate(90, direction: .lower) == .onTrack)
        #expect(rate(110, direction: .lower) == .deterioration)
    }

    @Test func nearANaturalLimitTheGapMustClose() {
        // 80 % → 90 %: the gap to 100 % halves, −15.9 % a year.
        #expect(rate(90, limit: 100, baseline: 80) == .onTrack)
        #expect(rate(78, limit: 100, baseline: 80) == .deterioration)
    }

    @Test func noRatingWithoutElapsedTimeOrFromZero() {
        #expect(ProgressRating.rate(baseline: (10, 2012), current: (12, 2012), target: nil, direction: .higher) == nil)
        #expect(rate(5, baseline: 0) == nil)
    }
}
