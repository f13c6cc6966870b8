using KejiLive.Domain.Progress;
using KejiLive.Domain.Tests.Support;

namespace KejiLive.Domain.Tests;

public class CheckHistoryTests
{
    private static readonly Planning.PlanDocument Plan = PlanJson.Load();
    private static readonly Planning.TargetDefinition HiTech = Plan.FindTarget("hi-tech")!;
    private static readonly ReportEntry[] History = [Fx.R("2025-05-31", 10), Fx.R("2025-06-30", 20), Fx.R("2025-07-31", 30)];

    [Theory]
    [InlineData("2025-06-30", 15, "累计值不能低于 2025-06-30 已报送的 20；如需更正，请标为更正（填报表“更正”列填“是”；接口 correction 为 true）")]
    [InlineData("2025-06-15", 8, "累计值不能低于 2025-05-31 已报送的 10；如需更正，请标为更正（填报表“更正”列填“是”；接口 correction 为 true）")]
    [InlineData("2025-08-31", 29.5, "累计值不能低于 2025-07-31 已报送的 30；如需更正，请标为更正（填报表“更正”列填“是”；接口 correction 为 true）")]
    [InlineData("2025-06-15", 25, "累计值不能高于 2025-06-30")]
    [InlineData("2025-05-01", 11, "已报送的 10")]
    public void CheckHistory_CumulativeGoingBackwards_IsRefusedOnValue(string asOf, double value, string message)
    {
        var error = ReportRules.CheckHistory(HiTech, History, Fx.R(asOf, value));
        Assert.NotNull(error);
        Assert.Equal("value", error.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2025-06-15", 15)]
    [InlineData("2025-06-15", 10)]
    [InlineData("2025-06-15", 20)]
    [InlineData("2025-06-30", 20)]
    [InlineData("2025-06-30", 25)]
    [InlineData("2025-08-31", 30)]
    [InlineData("2025-01-31", 0)]
    public void CheckHistory_ConsistentValue_IsAccepted(string asOf, double value)
    {
        Assert.Null(ReportRules.CheckHistory(HiTech, History, Fx.R(asOf, value)));
    }

    [Fact]
    public void CheckHistory_Correction_MayGoDown()
    {
        Assert.Null(ReportRules.CheckHistory(HiTech, History, Fx.R("2025-06-30", 5, correction: true)));
    }

    [Fact]
    public void CheckHistory_AfterCorrection_JudgesAgainstEffectiveValue()
    {
        ReportEntry[] history = [Fx.R("2025-06-30", 20, receivedAt: Fx.At("2025-07-01")), Fx.R("2025-06-30", 12, receivedAt: Fx.At("2025-07-02"), correction: true)];
        Assert.Null(ReportRules.CheckHistory(HiTech, history, Fx.R("2025-07-10", 13)));
        var error = ReportRules.CheckHistory(HiTech, history, Fx.R("2025-07-10", 11));
        Assert.Contains("已报送的 12", error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rd-intensity")]
    [InlineData("award-rank")]
    public void CheckHistory_NonCumulativeKinds_MayGoDown(string target)
    {
        Assert.Null(ReportRules.CheckHistory(Plan.FindTarget(target)!, History, Fx.R("2025-08-31", 1)));
    }

    [Fact]
    public void CheckHistory_Milestones_AreCumulative()
    {
        var error = ReportRules.CheckHistory(Plan.FindTarget("lab")!, [Fx.R("2025-04-01", 2)], Fx.R("2025-05-01", 1));
        Assert.Equal("value", error!.Field);
    }

    [Fact]
    public void CheckHistory_EmptyHistory_Accepts()
    {
        Assert.Null(ReportRules.CheckHistory(HiTech, [], Fx.R("2025-06-30", 0)));
    }
}
