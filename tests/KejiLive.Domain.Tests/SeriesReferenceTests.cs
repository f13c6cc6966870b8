using System.Collections.Immutable;
using KejiLive.Domain.Progress;
using KejiLive.Domain.Tests.Support;

namespace KejiLive.Domain.Tests;

/// <summary><see cref="ReportSeries"/>, <see cref="SeriesIndex"/> and <see cref="DataQuality.Check"/> give the answers
/// of the plain algorithms they replaced (kept here as the reference: a tree by date over the whole list, LINQ over the
/// trusted history), on random histories: dates out of order, repeats of a date, equal receipts, reports sent back or
/// awaiting review, filters that drop some, and inputs that are already effective series.</summary>
public class SeriesReferenceTests
{
    private static ImmutableArray<ReportEntry> ReferenceSeries(IReadOnlyList<ReportEntry> reports, Func<ReportEntry, bool> include)
    {
        var byDate = new SortedDictionary<DateOnly, ReportEntry>();
        foreach (var r in reports)
        {
            if (r.Rejected || !include(r)) continue;
            if (!byDate.TryGetValue(r.AsOf, out var held) || r.ReceivedAt >= held.ReceivedAt) byDate[r.AsOf] = r;
        }
        return [.. byDate.Values];
    }

    private static QualityFinding? ReferenceCheck(Planning.TargetDefinition target, Planning.Assignment assignment,
        IReadOnlyList<ReportEntry> history, ReportEntry candidate, DataQualitySettings settings)
    {
        var annual = assignment.Target;
        if (!DataQuality.IsChecked(target.Kind) || !(annual > 0)) return null;
        var trusted = ReferenceSeries([.. history.Where(e => !e.AwaitingReview && e.ReportId != candidate.ReportId)], _ => true);
        var earlier = trusted.Where(e => e.AsOf < candidate.AsOf).ToList();
        if (earlier.Count == 0) return null;
        // Only the verdict and its figures are compared here; the reason text is the same code in both.
        var prev = earlier[^1];
        var change = candidate.Value - prev.Value;
        if (change < 0) return -change <= settings.DropShare * annual + 1e-9 ? null : new QualityFinding(QualityIssue.Drop, change, settings.DropShare * annual, "");
        var days = candidate.AsOf.DayNumber - prev.AsOf.DayNumber;
        var byHistory = DataQuality.FastestPace(earlier) * days;
        var byPlan = Math.Max(0, PlanCurve.Share(target, assignment, candidate.AsOf) - PlanCurve.Share(target, assignment, prev.AsOf)) * annual;
        var allowance = Math.Max(settings.JumpFactor * Math.Max(byHistory, byPlan), settings.JumpShare * annual);
        return change <= allowance + 1e-9 ? null : new QualityFinding(QualityIssue.Jump, change, allowance, "");
    }

    private static List<ReportEntry> History(Random random, int length, string prefix)
    {
        var history = new List<ReportEntry>();
        for (var i = 0; i < length; i++)
        {
            history.Add(new ReportEntry($"{prefix}-{i}", new DateOnly(2025, 1 + random.Next(9), 28), random.Next(0, 50), null, null,
                random.Next(6) == 0, null, Fx.At("2025-05-01").AddHours(random.Next(24 * 10)), "tester", "test")
            {
                AwaitingReview = random.Next(5) == 0,
                Rejected = random.Next(8) == 0,
            });
        }
        return history;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(13)]
    [InlineData(2025)]
    public void ReportSeries_EqualsTheReference(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 300; round++)
        {
            var history = History(random, random.Next(0, 16), $"r{round}");
            var now = Fx.At("2025-05-01").AddHours(random.Next(24 * 12));
            var date = new DateOnly(2025, 1 + random.Next(10), 28);
            var effective = ReferenceSeries(history, _ => true);
            // The history as given, and an effective series in every shape a caller hands one over.
            foreach (IReadOnlyList<ReportEntry> input in new IReadOnlyList<ReportEntry>[] { history, effective, effective.ToArray(), effective.ToList() })
            {
                Assert.Equal(ReferenceSeries(input, _ => true).ToArray(), ReportSeries.Effective(input).ToArray());
                Assert.Equal(ReferenceSeries(input, r => r.ReceivedAt <= now && r.AsOf <= date).ToArray(),
                    ReportSeries.EffectiveAt(input, now, date).ToArray());
            }
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(29)]
    [InlineData(2025)]
    public void SeriesIndex_AddedOneByOne_BuiltAtOnce_AndCopied_EqualsTheReference(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 40; round++)
        {
            var history = History(random, random.Next(1, 30), $"i{round}");
            var index = SeriesIndex.Of([]);
            for (var i = 0; i < history.Count; i++)
            {
                var before = index.Copy();
                var (counted, trusted) = (index.Counted, index.Trusted);
                index.Add(history[i]);
                var seen = history.Take(i + 1).ToList();
                Assert.Equal(ReferenceSeries(seen, _ => true).ToArray(), index.Counted.ToArray());
                Assert.Equal(ReferenceSeries(seen, r => !r.AwaitingReview).ToArray(), index.Trusted.ToArray());
                var whole = SeriesIndex.Of(seen);
                Assert.Equal(index.Counted.ToArray(), whole.Counted.ToArray());
                Assert.Equal(index.Trusted.ToArray(), whole.Trusted.ToArray());
                Assert.Equal((index.Count, index.AwaitingReview, index.LatestReceived), (whole.Count, whole.AwaitingReview, whole.LatestReceived));
                // A copy taken before the add still reads as the index did then.
                Assert.Equal(counted.ToArray(), before.Counted.ToArray());
                Assert.Equal(trusted.ToArray(), before.Trusted.ToArray());
                Assert.Equal(i, before.Count);
            }
        }
    }

    [Theory]
    [InlineData(5)]
    [InlineData(41)]
    [InlineData(2025)]
    public void DataQualityCheck_EqualsTheReference(int seed)
    {
        var random = new Random(seed);
        var plan = Fx.Plan(_ => { });
        var target = plan.FindTarget("hi-tech")!;
        var assignment = target.AssignmentFor("360702")!;
        var settings = DataQualitySettings.Default;
        var findings = 0;
        for (var round = 0; round < 400; round++)
        {
            var history = History(random, random.Next(0, 12), $"q{round}");
            // Sometimes a repeat of a stored reportId, sometimes a new one; values from far below to far above.
            var id = history.Count > 0 && random.Next(4) == 0 ? history[random.Next(history.Count)].ReportId : $"q{round}-new";
            var candidate = new ReportEntry(id, new DateOnly(2025, 1 + random.Next(10), 28), random.Next(0, 200), null, null,
                random.Next(5) == 0, null, Fx.At("2025-05-20"), "tester", "test");
            var trusted = ReferenceSeries(history, r => !r.AwaitingReview);
            foreach (IReadOnlyList<ReportEntry> input in new IReadOnlyList<ReportEntry>[] { history, trusted })
            {
                var expected = ReferenceCheck(target, assignment, input, candidate, settings);
                var actual = DataQuality.Check(target, assignment, input, candidate, settings);
                Assert.Equal(expected is null, actual is null);
                if (expected is null || actual is null) continue;
                findings++;
                Assert.Equal((expected.Issue, expected.Change, expected.Allowance), (actual.Issue, actual.Change, actual.Allowance));
            }
        }
        // The random histories reach both verdicts.
        Assert.InRange(findings, 1, 799);
    }
}
