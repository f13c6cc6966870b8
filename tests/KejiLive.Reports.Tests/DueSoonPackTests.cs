using KejiLive.Domain.Calendar;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;
using KejiLive.Domain.Weekly;

namespace KejiLive.Reports.Tests;

/// <summary>临期 in the weekly pack: the dispatch meeting of 22 December (week 51, cut-off Sunday 21 December) sees what
/// falls due before the year ends and is not done — 信丰县's and 大余县's one 中试基地 each, due 31 December — beside the
/// lists of what is already late. Before, nothing in the pack said so: both units were green and listed nowhere.</summary>
public sealed class DueSoonPackTests
{
    private static readonly PlanDocument Plan = PlanLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "plans", "ganzhou-2025.json"));

    [Fact]
    public void Pack_OfWeek51_ListsItemsAndNodesDueSoon_SoonestFirst_AndPrintsThem()
    {
        Assert.True(IsoWeek.TryParse("2025-W51", out var week));
        var now = ShanghaiTime.StartOf(new DateOnly(2025, 12, 22)).AddHours(9);
        var histories = new Dictionary<(string TargetId, string UnitId), IReadOnlyList<ReportEntry>>
        {
            [("pilot-bases", "360722")] = [Entry("2025-09-30", 0)],
            [("pilot-bases", "360723")] = [Entry("2025-09-30", 1)], // 大余县's is done: not 临期
        };

        var pack = WeeklyPackBuilder.Build(Plan, histories, [], week, now, parallelism: 1);

        var pilot = pack.DueSoon.Where(r => r.TargetId == "pilot-bases").ToList();
        var xinfeng = Assert.Single(pilot);
        Assert.Equal(("360722", new DateOnly(2025, 12, 31), 10), (xinfeng.UnitId, xinfeng.Due, xinfeng.DaysLeft));
        Assert.Equal("临期：第1项期限12月31日，还剩10天，已完成0项（共1项）。", xinfeng.Text);
        Assert.Equal(pack.DueSoon.OrderBy(r => r.Due).Select(r => r.Due), pack.DueSoon.Select(r => r.Due));
        Assert.DoesNotContain(pack.DueSoon, r => Plan.FindUnit(r.UnitId)!.Kind == UnitKind.Overlay);

        var html = PackHtml.Render(pack, 1, name => name);
        Assert.Contains($"<h3>临期事项（{pack.DueSoon.Length}项）</h3>", html, StringComparison.Ordinal);
        Assert.Contains("临期：第1项期限12月31日，还剩10天，已完成0项（共1项）。", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Pack_InSummer_SaysNothingIsDueSoon()
    {
        // 7 July: the next item of a one-item target is due 31 December, no milestone node within 14 days.
        Assert.True(IsoWeek.TryParse("2025-W27", out var week));
        var pack = WeeklyPackBuilder.Build(Plan, new Dictionary<(string TargetId, string UnitId), IReadOnlyList<ReportEntry>>(), [], week,
            ShanghaiTime.StartOf(new DateOnly(2025, 7, 7)).AddHours(9), parallelism: 1);

        Assert.Empty(pack.DueSoon);
        Assert.Contains("没有近期到期而尚未完成的事项。", PackHtml.Render(pack, 1, name => name), StringComparison.Ordinal);
    }

    private static ReportEntry Entry(string asOf, double value)
    {
        var date = DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture);
        return new ReportEntry($"r-{asOf}-{value}", date, value, null, null, false, null, ShanghaiTime.StartOf(date).AddHours(18), "tester", "test");
    }
}
