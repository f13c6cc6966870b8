using System.Globalization;
using KejiLive.Domain.Alerts;
using KejiLive.Domain.Calendar;
using KejiLive.Domain.Progress;
using KejiLive.Domain.Tests.Support;

namespace KejiLive.Domain.Tests.Alerts;

/// <summary>Factories for alert tests: evaluations with a given gap, the 2025 holiday calendar, instants.</summary>
internal static class AlertFx
{
    public static readonly HolidayCalendar Cal2025 = HolidayCalendar.LoadFile(Path.Combine(AppContext.BaseDirectory, "plans", "holidays-2025.json"));

    public static readonly AlertSettings S = AlertSettings.Default;

    public static readonly AlertKey Key = AlertKey.ForTarget("hi-tech", "360702", AlertRule.Behind);

    /// <summary>An instant "yyyy-MM-dd HH:mm" in Asia/Shanghai.</summary>
    public static DateTimeOffset T(string local) =>
        new(DateTime.ParseExact(local, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), ShanghaiTime.Offset);

    /// <summary>An evaluation with only what the rules read set.</summary>
    public static TargetEvaluation Ev(double gap, Light light = Light.Yellow, string date = "2025-06-02", bool willMiss = false,
        Forecast? forecast = null, double annual = 100, int overdue = 0, bool notReported = false) =>
        new(Fx.D(date), annual, null, 0, 0, 0, 0, gap, light, notReported, null, forecast, null, willMiss, overdue, null, null);

    public static Alert NewAlert(DateTimeOffset at, AlertSeverity severity = AlertSeverity.Yellow) =>
        AlertLifecycle.Open(Key, severity, 12, "市科技局分管副局长", at, at);

    public static Alert Ack(Alert a, string promisedBy, DateTimeOffset at) =>
        AlertLifecycle.Acknowledge(a, "章贡区科技局", "加快企业培育", Fx.D(promisedBy), at, 2025).Alert!;

    public static Alert Resolved(DateTimeOffset at) => AlertLifecycle.Resolve(NewAlert(at), at.AddDays(4));

    public static Alert Closed(DateTimeOffset at) => AlertLifecycle.Close(Resolved(at), "市科技局办公室", null, at.AddDays(5)).Alert!;
}
