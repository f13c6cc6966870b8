using KejiLive.Domain.Demo;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;

namespace KejiLive.Domain.Tests;

public sealed class DemoYearTests
{
    private static readonly PlanDocument Plan = PlanLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "plans", "ganzhou-2025.json"));
    private static readonly DateTimeOffset Now = new(2025, 12, 31, 12, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void Generate_WithTheSameSeed_IsTheSameYear() =>
        Assert.Equal(DemoYear.Generate(Plan, 7).AsEnumerable(), DemoYear.Generate(Plan, 7).AsEnumerable());

    [Fact]
    public void Generate_WithAnotherSeed_IsAnotherYear() =>
        Assert.NotEqual(DemoYear.Generate(Plan, 7).Select(r => r.Value), DemoYear.Generate(Plan, 8).Select(r => r.Value));

    [Fact]
    public void Generate_EveryReport_PassesTheRulesTheApiApplies()
    {
        var reports = DemoYear.Generate(Plan, 7);
        var history = new Dictionary<(string, string), List<ReportEntry>>();

        foreach (var r in reports)
        {
            var draft = new ReportDraft(r.ReportId, r.TargetId, r.UnitId, r.AsOf, r.Value, r.Numerator, r.Denominator, r.Note, false);
            Assert.Empty(ReportRules.Validate(Plan, draft, ShanghaiNoon(r.SendOn)));
            Assert.True(r.SendOn >= r.AsOf && r.SendOn.Year == 2025, r.ReportId);
            var key = (r.TargetId, r.UnitId);
            if (!history.TryGetValue(key, out var list)) history[key] = list = [];
            var entry = new ReportEntry(r.ReportId, r.AsOf, r.Value, r.Numerator, r.Denominator, false, r.Note, ShanghaiNoon(r.SendOn), "demo", "demo");
            Assert.Null(ReportRules.CheckHistory(Plan.FindTarget(r.TargetId)!, list, entry));
            list.Add(entry);
        }
        Assert.All(reports, r => Assert.Equal(DemoYear.Note, r.Note));
        Assert.Equal(reports.Length, reports.Select(r => r.ReportId).Distinct().Count());
    }

    [Fact]
    public void Generate_AtYearEnd_ShowsAMixOfLightsAcrossUnits()
    {
        var byKey = DemoYear.Generate(Plan, 7).GroupBy(r => (r.TargetId, r.UnitId)).ToDictionary(g => g.Key, g => g.ToList());
        var lights = new List<Light>();
        foreach (var t in Plan.Targets.Where(t => t.Id == "talent-teams"))
        {
            foreach (var a in t.Assignments)
            {
                var entries = byKey[(t.Id, a.UnitId)].Select(r => new ReportEntry(r.ReportId, r.AsOf, r.Value, null, null, false, r.Note,
                    ShanghaiNoon(r.SendOn), "demo", "demo")).ToList();
                lights.Add(TargetEvaluator.Evaluate(Plan, t, a, entries, ShanghaiNoon(new DateOnly(2025, 6, 30)).AddDays(10), Light.Grey).Light);
            }
        }
        Assert.Contains(Light.Green, lights);
        Assert.Contains(lights, l => l is Light.Yellow or Light.Red);
    }

    private static DateTimeOffset ShanghaiNoon(DateOnly d) => new(d.ToDateTime(new TimeOnly(12, 0)), TimeSpan.FromHours(8));

    [Fact]
    public void Reporter_IsNamedInWords_AsThePagesShowIt()
    {
        // 报送人 and 操作人 of every demo report: not a code such as "demo".
        Assert.Matches(@"^[\p{IsCJKUnifiedIdeographs}（）]+$", DemoYear.Reporter);
        var entry = SignalQuality.Entry(DemoYear.Generate(Plan, 2025)[0], DateTimeOffset.UnixEpoch);
        Assert.Equal(DemoYear.Reporter, entry.SubmittedBy);
    }

    [Theory]
    [InlineData("demo", "demo-replay", "示例数据（自动报送）")] // stored before the replay had its name
    [InlineData("示例数据（自动报送）", "demo-replay", "示例数据（自动报送）")]
    [InlineData("demo", "api", "demo")]                      // a person who calls themselves demo stays so
    [InlineData("章贡区填报员", "api", "章贡区填报员")]
    public void ReporterShown_NamesTheDemoReplay_OnlyForItsOwnReports(string submittedBy, string source, string shown) =>
        Assert.Equal(shown, DemoYear.ReporterShown(submittedBy, source));
}
