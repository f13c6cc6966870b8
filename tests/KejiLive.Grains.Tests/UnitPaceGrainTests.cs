using System.Globalization;
using KejiLive.Domain.Progress;
using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Keys;

namespace KejiLive.Grains.Tests;

/// <summary>Issue 17, fifth round, through the grains: a unit catching up on two of its targets (their last quarter well
/// above their pace so far) has its unit grain tell its third target, whose point forecast and 预计依据 then include the
/// rise and shrink towards the unit's pace on the two instead of the plan's, once the unit grain's gathering delay has
/// passed.</summary>
public sealed class UnitPaceGrainTests
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);
    private const string Unit = "360702";

    [Fact]
    public async Task UnitCatchingUpOnTwoTargets_TheThirdTargetsForecastIncludesTheRiseAndTheirPace()
    {
        await using var keji = await KejiCluster.StartAsync(new DateTimeOffset(2025, 10, 12, 20, 0, 0, Shanghai));
        try
        {
            // The receiver: project-funding (万元, quarterly growth) at 0.7 of plan for Q1 and Q2.
            var funding = keji.Client.GetGrain<ITargetGrain>(GrainKeys.Target("project-funding", Unit));
            await funding.SubmitAsync(Reports.Count("pr-f-q1", "2025-03-31", Planned("project-funding", "2025-03-31", 0.7, whole: false)));
            await funding.SubmitAsync(Reports.Count("pr-f-q2", "2025-06-30", Planned("project-funding", "2025-06-30", 0.7, whole: false)));
            var before = await funding.GetSnapshotAsync();
            Assert.NotNull(before.Pace);
            Assert.DoesNotContain("正在追赶", before.ForecastBasis);

            // Two lenders, monthly: 0.7 of plan until July, then faster; each reads a rise of well over 30 points.
            foreach (var target in new[] { "talent-teams", "tech-smes" })
            {
                var grain = keji.Client.GetGrain<ITargetGrain>(GrainKeys.Target(target, Unit));
                (string AsOf, double Pace)[] months = [("2025-06-30", 0.7), ("2025-07-31", 0.7), ("2025-08-31", 0.8), ("2025-09-30", 1.0)];
                foreach (var (asOf, pace) in months)
                {
                    await grain.SubmitAsync(Reports.Count($"pr-{target}-{asOf}", asOf, Planned(target, asOf, pace, whole: true)));
                }
            }
            var lenders = await Task.WhenAll(new[] { "talent-teams", "tech-smes" }.Select(t =>
                keji.Client.GetGrain<ITargetGrain>(GrainKeys.Target(t, Unit)).GetSnapshotAsync()));
            var expected = UnitPace.Borrow(lenders.Select(s => new OwnPace(s.Target, s.Pace!.Value, s.RecentPace)), "project-funding");
            Assert.NotNull(expected?.Rise);
            Assert.Equal((2, 2), (expected.Targets, expected.RiseTargets));

            // The unit grain hears of its targets' judgements by one-way, batched messages (JudgementPublisher) and lends
            // from what it holds when its timer fires: wait until it holds the newest judgement of all three before the
            // clock reaches LendDelay, or it lends a stale pace and, the fake clock standing still, never lends again.
            var latest = (await Task.WhenAll(new[] { "project-funding", "talent-teams", "tech-smes" }.Select(t =>
                keji.Client.GetGrain<ITargetGrain>(GrainKeys.Target(t, Unit)).GetSnapshotAsync())))
                .ToDictionary(s => s.Target, s => (s.ReportCount, s.Actual, s.ReportedAsOf));
            var unit = keji.Client.GetGrain<IUnitGrain>(Unit);
            await Eventually.Until(unit.GetScorecardAsync, c => latest.All(l =>
                c.Targets.Any(t => t.Target == l.Key && (t.ReportCount, t.Actual, t.ReportedAsOf) == l.Value)));
            // The unit grain gathers its targets' changes for LendDelay before it tells them: nothing is lent yet (a
            // moment of real time for a wrongly early lending to arrive).
            await Task.Delay(200);
            Assert.DoesNotContain("正在追赶", (await funding.GetSnapshotAsync()).ForecastBasis);
            keji.Time.Advance(UnitGrain.LendDelay);
            var after = await Eventually.Until(funding.GetSnapshotAsync, s => s.ForecastBasis?.Contains("正在追赶", StringComparison.Ordinal) == true);
            Assert.Contains($"加本单位其他2项指标最近一季度快于累计进度的{(expected.Rise.Value * 100).ToString("0", CultureInfo.InvariantCulture)}个百分点", after.ForecastBasis);
            Assert.Contains($"已报越少越向本单位其他2项指标的进度{(expected.Level * 100).ToString("0", CultureInfo.InvariantCulture)}%靠拢", after.ForecastBasis);
            Assert.True(after.Forecast!.Value > before.Forecast!.Value);
            // The range, and so the light, is not moved by the rise.
            Assert.Equal(before.Forecast.Low, after.Forecast.Low, 9);
            Assert.Equal(before.Light, after.Light);
            Assert.Equal(before.Pace, after.Pace);
        }
        finally
        {
            KejiCluster.DeleteDatabase(keji.DatabasePath);
        }
    }

    /// <summary>The plan's expected value of <paramref name="targetId"/> × the unit at <paramref name="asOf"/> times
    /// <paramref name="pace"/>, floored to whole items for counts.</summary>
    private static double Planned(string targetId, string asOf, double pace, bool whole)
    {
        var target = KejiCluster.Plan.FindTarget(targetId)!;
        var a = target.AssignmentFor(Unit)!;
        var day = DateOnly.Parse(asOf, CultureInfo.InvariantCulture);
        var value = Trajectory.Build(KejiCluster.Plan, target, [a])[day.DayOfYear - 1].Expected * pace;
        return whole ? Math.Floor(value) : Math.Round(value, 3);
    }
}
