using KejiLive.Domain.Alerts;
using KejiLive.Domain.Calendar;
using KejiLive.Grains.Alerts;

namespace KejiLive.Grains.Tests;

/// <summary>The message a contact point receives for a 督办 says what is true of every target it can be about.</summary>
public sealed class AlertMessagesTests
{
    [Fact]
    public void Build_UnitNotReported_SaysTheReportDeadlinePassed_NotAStatisticsRelease()
    {
        // 市本级 is 未报送 on a party-building task: a milestone node, which has no statistics release date. The reading
        // must fit it as well as a unit's monthly figures.
        var plan = KejiCluster.Plan;
        var calendar = HolidayCalendar.LoadFile(Path.Combine(AppContext.BaseDirectory, "plans", "holidays-2025.json"));
        var now = new DateTimeOffset(2025, 7, 21, 20, 0, 0, TimeSpan.FromHours(8));
        var step = UnitAlerts.ObserveNotReported(AlertTrack.New(AlertKey.ForUnit("city", AlertRule.NotReported)),
            [("party-branch-building", true), ("jiebang-projects", false)], plan.Alerts, now, calendar, id => plan.FindTarget(id)!.Name);

        var message = AlertMessages.Build(plan, step.Notices[0], step.Track.Alert!, "wecom", "http://127.0.0.1", now);

        Assert.Contains("> 情况：1 项目标过了报送期限（含宽限期）仍未报送\n", message.Markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("发布", message.Markdown, StringComparison.Ordinal);
    }

    [Theory]
    // A ratio's points are of 完成率, a share of its target: 研发投入强度 1.68% against 2% is 16.2% below it, not "16.2
    // 个百分点", which a leader reads as points of R&D intensity. A count keeps its 较序时 in points.
    [InlineData("rd-intensity", AlertRule.Behind, "较目标低 16.2%")]
    [InlineData("rd-intensity", AlertRule.FallingFast, "较目标差距扩大 16.2%")]
    [InlineData("rd-intensity", AlertRule.WillMiss, "年底预测上限低于目标 16.2%")]
    [InlineData("tech-smes", AlertRule.Behind, "较序时落后 16.2 个百分点")]
    public void Build_LagOfARatio_SaysItAsAShareOfTheTarget(string target, AlertRule rule, string reading)
    {
        var plan = KejiCluster.Plan;
        var calendar = HolidayCalendar.LoadFile(Path.Combine(AppContext.BaseDirectory, "plans", "holidays-2025.json"));
        var now = new DateTimeOffset(2025, 7, 21, 20, 0, 0, TimeSpan.FromHours(8));
        var step = UnitAlerts.ObserveNotReported(AlertTrack.New(AlertKey.ForUnit("360722", AlertRule.NotReported)),
            [("tech-smes", true)], plan.Alerts, now, calendar, id => plan.FindTarget(id)!.Name);
        var alert = step.Track.Alert! with { Key = AlertKey.ForTarget(target, "360722", rule), Points = 16.2 };

        var message = AlertMessages.Build(plan, step.Notices[0] with { Key = alert.Key }, alert, "wecom", "http://127.0.0.1", now);

        Assert.Contains($"> 情况：{reading}\n", message.Markdown, StringComparison.Ordinal);
    }
}
