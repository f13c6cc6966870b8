using System.Globalization;
using KejiLive.Domain.Alerts;
using KejiLive.Domain.Progress;
using static KejiLive.Domain.Tests.Alerts.AlertFx;

namespace KejiLive.Domain.Tests.Alerts;

/// <summary>A lag 督办 is never below a red light: the tour found 上犹县 申报项目 and 安远县 入库 红灯 beside a 黄 督办 that had
/// opened at yellow and not followed the light. Under a red light the lag rules read red, the live 督办 is raised once
/// (noted), a second lag rule is not opened beside it (one lag 督办 per target × unit), and it is lowered when the light
/// leaves red (behind is never above the light).</summary>
public sealed class RedLightAlertTests
{
    private static readonly Planning.TargetDefinition Target = Support.PlanJson.Load().FindTarget("hi-tech")!;

    /// <summary>Steps one a day: light (Y, R, G), 较序时, "w" when the forecast's whole range misses the target.</summary>
    public static TheoryData<string, string, string, string> Cases() => new()
    {
        // name, daily steps, live 督办 after the last step, what the unit was told (opened, raised, lowered, resolved)
        { "yellow then red: the behind 督办 is raised, once", "Y-25 R-25.5 R-26 R-26",
            "Behind:Red", "Behind:Opened:Yellow Behind:SeverityRaised:Red" },
        { "red then yellow again: lowered with the light", "Y-25 R-31 Y-25",
            "Behind:Yellow", "Behind:Opened:Yellow Behind:SeverityRaised:Red Behind:SeverityLowered:Yellow" },
        { "opens red under a red light", "R-12",
            "Behind:Red", "Behind:Opened:Red" },
        // Red from the forecast with nothing live: one 督办, at red (will-miss, now red too, is not opened beside it).
        { "red from the forecast: one 督办", "R-12w R-12w",
            "Behind:Red", "Behind:Opened:Red" },
        // Will-miss opened first (behind not firing at −5): it is the one raised; behind, red too, does not open beside it.
        { "will-miss live when the light turns red: it is raised", "Y-5w R-12w R-12w",
            "WillMiss:Red", "WillMiss:Opened:Orange WillMiss:SeverityRaised:Red" },
        { "will-miss back to orange when the light is yellow", "Y-5w R-12w Y-5w",
            "WillMiss:Orange", "WillMiss:Opened:Orange WillMiss:SeverityRaised:Red WillMiss:SeverityLowered:Orange" },
        { "green: nothing", "G-3 G-3", "", "" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Observe_UnderARedLight_TheLagDuBanIsRed(string name, string steps, string live, string told)
    {
        var state = TargetAlertState.Empty("hi-tech", "360702");
        var notices = new List<AlertNotice>();
        var at = T("2025-06-02 00:01");
        foreach (var step in steps.Split(' '))
        {
            var light = step[0] switch { 'R' => Light.Red, 'Y' => Light.Yellow, _ => Light.Green };
            var willMiss = step.EndsWith('w');
            var gap = double.Parse(step[1..].TrimEnd('w'), CultureInfo.InvariantCulture);
            var ev = Ev(gap, light, at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), willMiss,
                willMiss ? new Forecast(60, 50, 70) : new Forecast(100, 90, 110));
            var result = TargetAlerts.Observe(state, Target, S, ev, at, Cal2025);
            state = result.State;
            notices.AddRange(result.Notices);
            at = at.AddDays(1);
        }

        var liveNow = state.Tracks.Where(t => t.Alert is { IsLive: true }).Select(t => $"{t.Key.Rule}:{t.Alert!.Severity}");
        Assert.True(string.Join(' ', liveNow) == live, $"{name}: live {string.Join(' ', liveNow)}");
        var moves = notices.Where(n => n.Transition is AlertTransition.Opened or AlertTransition.SeverityRaised
            or AlertTransition.SeverityLowered or AlertTransition.Resolved).Select(n => $"{n.Key.Rule}:{n.Transition}:{n.Severity}");
        Assert.True(string.Join(' ', moves) == told, $"{name}: told {string.Join(' ', moves)}");
        // The raise says why, in Chinese.
        Assert.All(notices.Where(n => n.Transition == AlertTransition.SeverityRaised),
            n => Assert.Equal($"{AlertNames.Severity(n.Severity == AlertSeverity.Red && n.Key.Rule == AlertRule.WillMiss ? AlertSeverity.Orange : AlertSeverity.Yellow)} → 红：{AlertConditions.RedLightNote}", n.Note));
    }
}
