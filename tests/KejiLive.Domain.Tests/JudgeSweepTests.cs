using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;
using KejiLive.Domain.Tests.Support;

namespace KejiLive.Domain.Tests;

public class JudgeSweepTests
{
    private static readonly DateTimeOffset Now = Fx.At(2025, 7, 1, 0);

    private static TargetUnit[] Pairs(int n) => [.. Enumerable.Range(0, n).Select(i => new TargetUnit("t" + (i / 3), "u" + (i % 3)))];

    [Theory]
    // total, batch size, expected batches (from, count) until complete
    [InlineData(0, 4, "")]
    [InlineData(1, 4, "0+1")]
    [InlineData(4, 4, "0+4")]
    [InlineData(5, 4, "0+4 4+1")]
    [InlineData(9, 3, "0+3 3+3 6+3")]
    [InlineData(10, 3, "0+3 3+3 6+3 9+1")]
    public void NextBatch_WalksEveryPairOnceInBoundedBatches(int total, int batchSize, string expected)
    {
        var sweep = JudgeSweep.Begin(Pairs(total), Now);
        var batches = new List<string>();
        while (!sweep.IsComplete)
        {
            var (from, count) = sweep.NextBatch(batchSize);
            Assert.InRange(count, 1, batchSize);
            batches.Add($"{from}+{count}");
            sweep = sweep.Advance(count);
        }
        Assert.Equal(expected, string.Join(' ', batches));
        Assert.Equal((total, 0), (sweep.Done, sweep.NextBatch(batchSize).Count));
        Assert.Equal(1.0, sweep.Fraction);
    }

    [Fact]
    public void Advance_BeyondTheTotal_Throws()
    {
        var sweep = JudgeSweep.Begin(Pairs(5), Now).Advance(4);
        Assert.Throws<ArgumentOutOfRangeException>(() => sweep.Advance(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => sweep.Advance(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => sweep.NextBatch(0));
        Assert.Equal(0.8, sweep.Fraction, Fx.Tol);
    }

    [Theory]
    // done of 6, same plan, restarted at (Shanghai; the sweep began 2025-07-01 00:00), resumable
    [InlineData(0, true, "2025-07-01T00:00:05+08:00", true)]
    [InlineData(3, true, "2025-07-01T23:59:59+08:00", true)]
    [InlineData(3, true, "2025-06-30T16:30:00+00:00", true)]
    [InlineData(3, true, "2025-07-02T00:00:00+08:00", false)]
    [InlineData(3, true, "2025-07-01T16:00:00+00:00", false)]
    [InlineData(6, true, "2025-07-01T08:00:00+08:00", false)]
    [InlineData(3, false, "2025-07-01T08:00:00+08:00", false)]
    public void CanResume_OnlyAnUnfinishedSweepOfTheSamePairsBegunTheSameDay(int done, bool samePlan, string restartedAt, bool expected)
    {
        var pairs = Pairs(6);
        var stored = JudgeSweep.Begin(pairs, Now).Advance(done);
        var now = samePlan ? pairs : [.. pairs.Reverse()];
        Assert.Equal(expected, stored.CanResume(JudgeSweep.Fingerprint(now), DateTimeOffset.Parse(restartedAt, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Pairs_OfTheShippedPlan_AreEveryAssignmentInPlanOrder()
    {
        var plan = PlanLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "plans", "ganzhou-2025.json"));
        var pairs = JudgeSweep.Pairs(plan);
        Assert.Equal(plan.Targets.Sum(t => t.Assignments.Length), pairs.Length);
        Assert.Equal(pairs.Length, pairs.Distinct().Count());
        Assert.Equal(new TargetUnit(plan.Targets[0].Id, plan.Targets[0].Assignments[0].UnitId), pairs[0]);
        Assert.Equal(new TargetUnit(plan.Targets[^1].Id, plan.Targets[^1].Assignments[^1].UnitId), pairs[^1]);
        Assert.Equal(JudgeSweep.Fingerprint(pairs), JudgeSweep.Fingerprint(JudgeSweep.Pairs(plan)));
        Assert.Equal(64, JudgeSweep.Fingerprint(pairs).Length);
    }
}
