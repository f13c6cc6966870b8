using KejiLive.Domain.Progress;
using KejiLive.Domain.Tests.Support;

namespace KejiLive.Domain.Tests;

public class SeriesIndexTests
{
    private static readonly ReportEntry May = Fx.R("2025-05-31", 10, receivedAt: Fx.At("2025-06-01"));
    private static readonly ReportEntry June = Fx.R("2025-06-30", 20, receivedAt: Fx.At("2025-07-01"));
    private static readonly ReportEntry JuneLater = Fx.R("2025-06-30", 25, receivedAt: Fx.At("2025-07-02"));
    private static readonly ReportEntry JuneEarlierReceipt = Fx.R("2025-06-30", 22, receivedAt: Fx.At("2025-06-30"));
    private static readonly ReportEntry JuneSameReceipt = Fx.R("2025-06-30", 24, receivedAt: Fx.At("2025-07-01"));
    private static readonly ReportEntry JuneRejected = Fx.R("2025-06-30", 90, receivedAt: Fx.At("2025-07-03")) with { Rejected = true };
    private static readonly ReportEntry JuneAwaiting = Fx.R("2025-06-30", 60, receivedAt: Fx.At("2025-07-04")) with { AwaitingReview = true };

    public static TheoryData<string, ReportEntry[], ReportEntry[], ReportEntry[]> Histories => new()
    {
        { "empty", [], [], [] },
        { "one per date", [May, June], [May, June], [May, June] },
        { "received last wins", [May, June, JuneLater], [May, JuneLater], [May, JuneLater] },
        { "received earlier never replaces", [June, JuneEarlierReceipt], [June], [June] },
        { "same receipt: the later in the list", [June, JuneSameReceipt], [JuneSameReceipt], [JuneSameReceipt] },
        { "sent back never counts", [May, June, JuneRejected], [May, June], [May, June] },
        { "awaiting review counts, not trusted", [May, June, JuneAwaiting], [May, JuneAwaiting], [May, June] },
        { "out of date order", [June, May], [May, June], [May, June] },
    };

    [Theory]
    [MemberData(nameof(Histories))]
    public void Index_EqualsTheEffectiveSeries(string _, ReportEntry[] history, ReportEntry[] counted, ReportEntry[] trusted)
    {
        var index = SeriesIndex.Of(history);
        Assert.Equal(counted, index.Counted.ToArray());
        Assert.Equal(trusted, index.Trusted.ToArray());
        Assert.Equal(ReportSeries.Effective(history).ToArray(), index.Counted.ToArray());
        Assert.Equal(history.Length, index.Count);
        Assert.Equal(history.Count(h => h.AwaitingReview), index.AwaitingReview);
        Assert.Equal(history.Length == 0 ? null : history.Max(h => h.ReceivedAt), index.LatestReceived);
    }

    [Fact]
    public void Copy_LeavesTheOriginalAsItWas()
    {
        var index = SeriesIndex.Of([May, June]);
        var copy = index.Copy();
        copy.Add(JuneAwaiting);
        Assert.Equal([May, June], index.Counted.ToArray());
        Assert.Equal(0, index.AwaitingReview);
        Assert.Equal([May, JuneAwaiting], copy.Counted.ToArray());
        Assert.Equal(1, copy.AwaitingReview);
    }

    /// <summary>Random histories, added one report at a time: the index reads like the whole history after every step,
    /// and judging the index gives the judgement of the whole history at any instant after the last receipt.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(2025)]
    public void Index_AfterEveryAdd_JudgesLikeTheWholeHistory(int seed)
    {
        var random = new Random(seed);
        var plan = Fx.Plan(_ => { });
        var target = plan.FindTarget("hi-tech")!;
        var assignment = target.AssignmentFor("360702")!;
        var history = new List<ReportEntry>();
        var index = SeriesIndex.Of([]);
        for (var i = 0; i < 60; i++)
        {
            var asOf = new DateOnly(2025, 1 + random.Next(8), 28);
            var report = new ReportEntry($"s{seed}-{i}", asOf, random.Next(0, 40), null, null, random.Next(5) == 0, null,
                Fx.At("2025-09-01").AddHours(-random.Next(24 * 200)), "tester", "test")
            {
                AwaitingReview = random.Next(6) == 0,
                Rejected = random.Next(9) == 0,
            };
            history.Add(report);
            index.Add(report);
            Assert.Equal(ReportSeries.Effective(history).ToArray(), index.Counted.ToArray());
            Assert.Equal(ReportSeries.Effective([.. history.Where(h => !h.AwaitingReview)]).ToArray(), index.Trusted.ToArray());
            var now = Fx.At("2025-09-02").AddDays(random.Next(60));
            var previous = new PreviousLight(Light.Yellow, null);
            Assert.Equal(
                TargetEvaluator.Evaluate(plan, target, assignment, history, now, previous),
                TargetEvaluator.Evaluate(plan, target, assignment, index.Counted, now, previous));
            var candidate = new ReportEntry("next", new DateOnly(2025, 1 + random.Next(9), 28), random.Next(0, 60), null, null, false, null, now, "tester", "test");
            Assert.Equal(ReportRules.CheckHistory(target, history, candidate), ReportRules.CheckHistory(target, index.Counted, candidate));
            Assert.Equal(
                DataQuality.Check(target, assignment, history, candidate, DataQualitySettings.Default),
                DataQuality.Check(target, assignment, index.Trusted, candidate, DataQualitySettings.Default));
        }
    }
}
