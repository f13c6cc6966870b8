using KejiLive.Domain.Alerts;
using KejiLive.Domain.Tests.Support;
using static KejiLive.Domain.Tests.Alerts.AlertFx;

namespace KejiLive.Domain.Tests.Alerts;

public class AlertIdsTests
{
    [Theory]
    [InlineData("hi-tech", "360702", AlertRule.Behind, "2025-06-02", 1, "hi-tech.360702.behind.20250602")]
    [InlineData("hi-tech", "360702", AlertRule.WillMiss, "2025-06-02", 1, "hi-tech.360702.will-miss.20250602")]
    [InlineData("rd-growth", "jkq", AlertRule.FallingFast, "2025-12-31", 1, "rd-growth.jkq.falling-fast.20251231")]
    [InlineData("lab", "city", AlertRule.MilestoneOverdue, "2025-10-09", 2, "lab.city.milestone-overdue.20251009-2")]
    [InlineData(null, "360702", AlertRule.NotReported, "2025-03-15", 1, "_.360702.not-reported.20250315")]
    public void AlertId_WhenBuilt_IsDeterministicText(string? target, string unit, AlertRule rule, string date, int seq, string expected)
    {
        Assert.Equal(expected, AlertIds.AlertId(new AlertKey(target, unit, rule), Fx.D(date), seq));
    }

    [Fact]
    public void AlertId_WhenOpenedLateEveningUtc_UsesShanghaiDate()
    {
        var utc = new DateTimeOffset(2025, 6, 1, 17, 0, 0, TimeSpan.Zero); // 01:00 on 2 June in Shanghai
        Assert.Equal("hi-tech.360702.behind.20250602", AlertLifecycle.Open(Key, AlertSeverity.Yellow, 12, "x", utc, utc).Id);
    }

    [Fact]
    public void IdempotencyKeys_WhenSameChangesReplayed_AreEqualAndUnique()
    {
        Alert Build()
        {
            var a = NewAlert(T("2025-06-02 10:00"));
            a = AlertLifecycle.Remind(a, T("2025-06-03 10:00"));
            a = AlertLifecycle.Remind(a, T("2025-06-06 10:00"));
            return Ack(a, "2025-06-30", T("2025-06-06 11:00"));
        }
        var first = AlertNotices.Between(null, Build()).Select(n => n.IdempotencyKey).ToList();
        var second = AlertNotices.Between(null, Build()).Select(n => n.IdempotencyKey).ToList();
        Assert.Equal(
            ["hi-tech.360702.behind.20250602/opened/1", "hi-tech.360702.behind.20250602/reminded/2",
             "hi-tech.360702.behind.20250602/reminded/3", "hi-tech.360702.behind.20250602/acknowledged/4"], first);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Between_WhenGivenPreviousVersion_ReturnsOnlyNewChangesWithAudience()
    {
        var before = NewAlert(T("2025-06-02 10:00"));
        var after = AlertLifecycle.Escalate(Ack(before, "2025-06-30", T("2025-06-03 10:00")), EscalationReason.PromiseMissed, T("2025-07-01 00:00"));
        var notices = AlertNotices.Between(before, after);
        Assert.Equal(["acknowledged/2:CityOffice:市科技局", "escalated/3:Leader:市科技局分管副局长"],
            notices.Select(n => $"{AlertIds.TransitionCode(n.Transition)}/{n.Sequence}:{n.Audience}:{n.Recipient}"));
    }

    [Fact]
    public void RuleAndTransitionCodes_AreAllDistinct()
    {
        Assert.Equal(Enum.GetValues<AlertRule>().Length, Enum.GetValues<AlertRule>().Select(AlertIds.RuleCode).Distinct().Count());
        Assert.Equal(Enum.GetValues<AlertTransition>().Length, Enum.GetValues<AlertTransition>().Select(AlertIds.TransitionCode).Distinct().Count());
    }

    [Fact]
    public void AlertKey_ToString_IsKeyText()
    {
        Assert.Equal("hi-tech.360702.behind", Key.ToString());
        Assert.Equal("_.jkq.not-reported", AlertKey.ForUnit("jkq", AlertRule.NotReported).ToString());
    }
}
