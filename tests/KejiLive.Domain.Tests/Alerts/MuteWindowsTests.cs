using KejiLive.Domain.Alerts;
using static KejiLive.Domain.Tests.Alerts.AlertFx;

namespace KejiLive.Domain.Tests.Alerts;

/// <summary>Delivery in Asia/Shanghai: quiet 22:00–08:00, weekends and holidays of 2025 muted, 调休 workdays not.</summary>
public class MuteWindowsTests
{
    private static DateTimeOffset Next(string now, params Silence[] silences) =>
        MuteWindows.NextDeliveryInstant(T(now), Key, S, Cal2025, silences);

    [Theory]
    // quiet hours across midnight on working days
    [InlineData("2025-06-03 21:59", "2025-06-03 21:59")]
    [InlineData("2025-06-03 22:00", "2025-06-04 08:00")]
    [InlineData("2025-06-03 23:30", "2025-06-04 08:00")]
    [InlineData("2025-06-04 00:00", "2025-06-04 08:00")]
    [InlineData("2025-06-04 03:00", "2025-06-04 08:00")]
    [InlineData("2025-06-04 07:59", "2025-06-04 08:00")]
    [InlineData("2025-06-04 08:00", "2025-06-04 08:00")]
    [InlineData("2025-06-04 12:00", "2025-06-04 12:00")]
    // weekends
    [InlineData("2025-06-06 22:30", "2025-06-09 08:00")] // Friday night → Monday
    [InlineData("2025-06-07 10:00", "2025-06-09 08:00")] // Saturday
    [InlineData("2025-06-08 23:00", "2025-06-09 08:00")] // Sunday night
    // 调休: Sunday 28 Sep and Saturday 11 Oct are workdays
    [InlineData("2025-09-27 10:00", "2025-09-28 08:00")]
    [InlineData("2025-09-28 10:00", "2025-09-28 10:00")]
    [InlineData("2025-10-10 22:00", "2025-10-11 08:00")]
    [InlineData("2025-10-11 15:00", "2025-10-11 15:00")]
    // statutory holidays
    [InlineData("2025-09-30 23:00", "2025-10-09 08:00")] // into 国庆·中秋 1–8 Oct
    [InlineData("2025-10-05 10:00", "2025-10-09 08:00")]
    [InlineData("2025-05-01 09:00", "2025-05-06 08:00")] // 劳动节 1–5 May
    [InlineData("2025-01-27 23:00", "2025-02-05 08:00")] // 春节 28 Jan–4 Feb
    public void NextDeliveryInstant_WhenRaisedAt_DefersToEndOfMuteWindow(string raised, string delivered)
    {
        Assert.Equal(T(delivered), Next(raised));
        Assert.Equal(raised != delivered, MuteWindows.IsMuted(T(raised), Key, S, Cal2025, []));
    }

    [Fact]
    public void NextDeliveryInstant_WhenRaisedUtcMidnight_JudgesShanghaiWallTime()
    {
        var utc = new DateTimeOffset(2025, 6, 3, 23, 0, 0, TimeSpan.Zero); // 07:00 Wednesday in Shanghai
        Assert.Equal(T("2025-06-04 08:00"), MuteWindows.NextDeliveryInstant(utc, Key, S, Cal2025, []));
    }

    [Theory]
    [InlineData("12:00", "14:00", "2025-06-03 13:00", "2025-06-03 14:00")]
    [InlineData("12:00", "14:00", "2025-06-03 23:00", "2025-06-03 23:00")]
    [InlineData("08:00", "08:00", "2025-06-03 03:00", "2025-06-03 03:00")] // equal: no quiet hours
    public void NextDeliveryInstant_WithOtherQuietHours_FollowsSettings(string from, string until, string raised, string delivered)
    {
        var settings = S with { QuietFrom = TimeOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), QuietUntil = TimeOnly.Parse(until, System.Globalization.CultureInfo.InvariantCulture) };
        Assert.Equal(T(delivered), MuteWindows.NextDeliveryInstant(T(raised), Key, settings, Cal2025, []));
    }

    [Fact]
    public void NextDeliveryInstant_WhenWeekendsNotMuted_OnlyQuietHoursApply()
    {
        Assert.Equal(T("2025-06-07 10:00"), MuteWindows.NextDeliveryInstant(T("2025-06-07 10:00"), Key, S with { MuteNonWorkingDays = false }, Cal2025, []));
    }

    private static Silence Sil(string? unit, string? target, string from = "2025-06-03 09:00", string until = "2025-06-05 12:00") =>
        new("s1", "市科技局办公室", "防汛应急，暂停督办", T(from), T(until), unit, target);

    [Theory]
    [InlineData("360702", null, "hi-tech", "360702", "2025-06-05 12:00")]
    [InlineData("360702", "hi-tech", "hi-tech", "360702", "2025-06-05 12:00")]
    [InlineData(null, "hi-tech", "hi-tech", "360703", "2025-06-05 12:00")]
    [InlineData("360703", null, "hi-tech", "360702", "2025-06-03 10:00")]
    [InlineData("360702", "rd-growth", "hi-tech", "360702", "2025-06-03 10:00")]
    [InlineData(null, "hi-tech", null, "360702", "2025-06-03 10:00")] // unit-level alerts have no target
    [InlineData("360702", null, null, "360702", "2025-06-05 12:00")]
    public void NextDeliveryInstant_WhenSilenceMatches_DefersToItsEnd(string? silUnit, string? silTarget, string? target, string unit, string delivered)
    {
        var key = new AlertKey(target, unit, target is null ? AlertRule.NotReported : AlertRule.Behind);
        Assert.Equal(T(delivered), MuteWindows.NextDeliveryInstant(T("2025-06-03 10:00"), key, S, Cal2025, [Sil(silUnit, silTarget)]));
    }

    [Fact]
    public void NextDeliveryInstant_WhenSilenceEndsInQuietHoursBeforeWeekend_ChainsWindows()
    {
        Assert.Equal(T("2025-06-09 08:00"), Next("2025-06-04 10:00", Sil("360702", null, "2025-06-04 09:00", "2025-06-06 23:00")));
    }

    [Fact]
    public void NextDeliveryInstant_WhenSilencesOverlap_WaitsForLast()
    {
        Assert.Equal(T("2025-06-05 15:00"), Next("2025-06-04 10:00",
            Sil("360702", null, "2025-06-04 09:00", "2025-06-05 12:00"), Sil(null, "hi-tech", "2025-06-05 11:00", "2025-06-05 15:00")));
    }

    [Fact]
    public void NextDeliveryInstant_WhenSilenceNotYetOrNoLongerActive_DeliversNow()
    {
        Assert.Equal(T("2025-06-03 08:30"), Next("2025-06-03 08:30", Sil("360702", null)));
        Assert.Equal(T("2025-06-05 12:00"), Next("2025-06-05 12:00", Sil("360702", null)));
    }

    [Theory]
    [InlineData("", "理由", "2025-06-03 09:00", "2025-06-04 09:00", "360702", "createdBy")]
    [InlineData("办公室", " ", "2025-06-03 09:00", "2025-06-04 09:00", "360702", "reason")]
    [InlineData("办公室", "理由", "2025-06-03 09:00", "2025-06-03 09:00", "360702", "until")]
    [InlineData("办公室", "理由", "2025-06-03 09:00", "2025-06-04 09:00", null, "unit")]
    public void Silence_Validate_NamesBrokenField(string by, string reason, string from, string until, string? unit, string field)
    {
        var errors = new Silence("s", by, reason, T(from), T(until), unit, null).Validate();
        Assert.Equal(field, Assert.Single(errors).Field);
    }
}
