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
}
