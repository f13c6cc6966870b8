using KejiLive.Grains.Abstractions.Alerts;
using KejiLive.Grains.Alerts;

namespace KejiLive.Grains.Tests;

public sealed class AlertDigestTests
{
    private static readonly DateTimeOffset Now = new(2025, 7, 10, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void Build_WhenAlertsAreLive_CountsThemAndListsEachUnitsOwn()
    {
        AlertView[] alerts =
        [
            Alert("a", "talent-teams", "360702", "red", "open", opened: Now.AddDays(-3)),
            Alert("b", "tech-smes", "360702", "yellow", "acknowledged", opened: Now.AddDays(-9), promisedBy: new DateOnly(2025, 8, 31)),
            Alert("c", null, "360703", "yellow", "open", opened: Now.AddDays(-1), escalation: 1),
            Alert("d", "tech-smes", "360704", "red", "closed", opened: Now.AddDays(-20)),
        ];

        var (title, markdown) = AlertDigest.Build(KejiCluster.Plan, [.. alerts], new DateOnly(2025, 7, 10), Now)!.Value;

        Assert.Equal("【督办日报】2025-07-10 未办结督办 3 项", title);
        Assert.Contains("> 红色 1 项，橙色 0 项，黄色 2 项；待答复 2 项，已上报分管领导 1 项", markdown, StringComparison.Ordinal);
        Assert.Contains("- **章贡区**：引进和培育高层次科技人才团队（待答复 3 天）；入库科技型中小企业（已答复，承诺 2025-08-31 前）", markdown, StringComparison.Ordinal);
        Assert.Contains("- **南康区**：各项目标报送（待答复 1 天）", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("赣县区", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_CountsTheWaitInShanghaiCalendarDaysFromTheLatestReopen()
    {
        // Opened on 1 July, reopened at 23:50 on 8 July: at 09:00 on 10 July it has waited 2 days, as the pages say
        // (not 8 from the first opening, not 1 whole 24 hours).
        var reopened = Alert("e", "talent-teams", "360702", "red", "open", opened: new(2025, 7, 1, 10, 0, 0, TimeSpan.FromHours(8)))
            with { AwaitingSince = new(2025, 7, 8, 23, 50, 0, TimeSpan.FromHours(8)) };

        var (_, markdown) = AlertDigest.Build(KejiCluster.Plan, [reopened], new DateOnly(2025, 7, 10), Now)!.Value;

        Assert.Contains("- **章贡区**：引进和培育高层次科技人才团队（待答复 2 天）", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WhenNothingIsLive_SendsNothing() =>
        Assert.Null(AlertDigest.Build(KejiCluster.Plan, [Alert("d", "tech-smes", "360704", "red", "resolved", Now.AddDays(-2))], new DateOnly(2025, 7, 10), Now));

    private static AlertView Alert(string id, string? target, string unit, string severity, string state, DateTimeOffset opened,
        DateOnly? promisedBy = null, int escalation = 0) => new()
    {
        Id = id, Target = target, Unit = unit, Rule = "behind", Severity = severity, State = state, OpenedAt = opened,
        AwaitingSince = opened, PromisedBy = promisedBy, EscalationLevel = escalation, EscalateTo = "市科技局分管副局长", ChangedAt = opened,
    };
}
