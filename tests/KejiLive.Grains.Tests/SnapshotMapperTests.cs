using KejiLive.Domain.Progress;
using KejiLive.Grains.Abstractions.Messages;
using KejiLive.Grains.Mapping;

namespace KejiLive.Grains.Tests;

/// <summary>The comparison that decides whether a judgement reaches the city and unit views: equal but for the judging
/// time, exactly as comparing the two with the judging time cleared (the way it was computed before).</summary>
public class SnapshotMapperTests
{
    private static readonly TargetSnapshot Judged = new()
    {
        Target = "hi-tech",
        Unit = "360702",
        AnnualTarget = 40,
        Actual = 12,
        Expected = 20,
        CompletionRate = 0.3,
        ScheduleRate = 0.5,
        GapPoints = -20,
        Light = "yellow",
        ReportedAsOf = new DateOnly(2025, 6, 30),
        Forecast = new ForecastRange { Value = 30, Low = 25, High = 35 },
        JudgedAt = new DateTimeOffset(2025, 7, 1, 9, 0, 0, TimeSpan.FromHours(8)),
        ReportCount = 3,
        LastReceivedAt = new DateTimeOffset(2025, 7, 1, 1, 0, 0, TimeSpan.Zero),
        ScheduleDate = new DateOnly(2025, 6, 30),
        Explanation = "较序时落后20个百分点",
        ForecastBasis = "按近3期进度外推",
    };

    public static TheoryData<string, TargetSnapshot> Others => new()
    {
        { "the same instance", Judged },
        { "an equal copy", Judged with { } },
        { "judged later", Judged with { JudgedAt = Judged.JudgedAt.AddMinutes(5) } },
        { "the same instant in another offset", Judged with { JudgedAt = Judged.JudgedAt.ToUniversalTime() } },
        { "another light", Judged with { Light = "red" } },
        { "another light, judged later", Judged with { Light = "red", JudgedAt = Judged.JudgedAt.AddMinutes(5) } },
        { "one more report", Judged with { ReportCount = 4, JudgedAt = Judged.JudgedAt.AddMinutes(5) } },
        { "another receipt", Judged with { LastReceivedAt = Judged.LastReceivedAt!.Value.AddSeconds(1) } },
        { "another forecast", Judged with { Forecast = new ForecastRange { Value = 31, Low = 25, High = 35 } } },
        { "no explanation", Judged with { Explanation = null, JudgedAt = Judged.JudgedAt.AddDays(1) } },
        { "another actual", Judged with { Actual = 13 } },
        { "another actual, judged later", Judged with { Actual = 13, JudgedAt = Judged.JudgedAt.AddMinutes(5) } },
        { "no receipt", Judged with { LastReceivedAt = null, JudgedAt = Judged.JudgedAt.AddMinutes(5) } },
        { "the same receipt in another offset", Judged with { LastReceivedAt = Judged.LastReceivedAt!.Value.ToOffset(TimeSpan.FromHours(8)) } },
        { "not a number", Judged with { GapPoints = double.NaN } },
        { "another pace", Judged with { Pace = 0.8, RecentPace = 1.2 } },
    };

    [Theory]
    [MemberData(nameof(Others))]
    public void SameButJudgedAt_EqualsComparingWithTheJudgingTimeCleared(string _, TargetSnapshot other)
    {
        var cleared = Judged with { JudgedAt = default } == other with { JudgedAt = default };
        Assert.Equal(cleared, SnapshotMapper.SameButJudgedAt(Judged, other));
        Assert.Equal(cleared, SnapshotMapper.SameButJudgedAt(other, Judged));
    }

    [Fact]
    public void ToSnapshot_WithCounts_EqualsTheSnapshotWithTheCountsSetAfter()
    {
        var evaluation = SnapshotMapper.ToEvaluation(Judged);
        var received = new DateTimeOffset(2025, 7, 1, 2, 0, 0, TimeSpan.Zero);
        Assert.Equal(
            SnapshotMapper.ToSnapshot("hi-tech", "360702", evaluation, Judged.JudgedAt, 3) with { LastReceivedAt = received, PendingReviews = 2 },
            SnapshotMapper.ToSnapshot("hi-tech", "360702", evaluation, Judged.JudgedAt, 3, received, 2));
    }

    [Fact]
    public void Pace_RoundTripsThroughTheEvaluation_ForTheUnitGrain()
    {
        var snapshot = Judged with { Pace = 0.8, RecentPace = 1.2 };
        var evaluation = SnapshotMapper.ToEvaluation(snapshot);
        Assert.Equal(new OwnPace(snapshot.Target, 0.8, 1.2), evaluation.OwnPace);
        var back = SnapshotMapper.ToSnapshot(snapshot.Target, snapshot.Unit, evaluation, snapshot.JudgedAt, 3);
        Assert.Equal((0.8, 1.2), (back.Pace, back.RecentPace));
        Assert.Null(SnapshotMapper.ToEvaluation(Judged).OwnPace);
    }
}
