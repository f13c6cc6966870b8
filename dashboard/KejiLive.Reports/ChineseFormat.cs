using System.Globalization;
using KejiLive.Domain.Calendar;
using KejiLive.Domain.Progress;

namespace KejiLive.Reports;

/// <summary>Numbers, dates and lights as Chinese officials write them: 45.3%, +2.1 (个百分点), 1,234, 7月6日, 红/黄/绿.</summary>
internal static class ChineseFormat
{
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");

    /// <summary>A value in its measure: whole numbers without decimals, others with up to two.</summary>
    public static string Value(double v) =>
        Math.Abs(v - Math.Round(v)) < 1e-9 ? Math.Round(v).ToString("#,0", Zh) : v.ToString("#,0.##", Zh);

    /// <summary>A signed change: +3, −1.5, 0.</summary>
    public static string Signed(double v) => Math.Abs(v) < 0.005 ? "0" : (v > 0 ? "+" : "−") + Value(Math.Round(Math.Abs(v), 2));

    /// <summary>A fraction as a percentage with one decimal: 0.4531 → 45.3%.</summary>
    public static string Percent(double fraction) => (fraction * 100).ToString("0.0", Zh) + "%";

    /// <summary>Percentage points with one decimal and a sign: −12.3, +4.0, 0.0.</summary>
    public static string Points(double points)
    {
        var r = Math.Round(points, 1);
        return Math.Abs(r) < 0.05 ? "0.0" : (r > 0 ? "+" : "−") + Math.Abs(r).ToString("0.0", Zh);
    }

    /// <summary>7月6日.</summary>
    public static string Date(DateOnly d) => $"{d.Month}月{d.Day}日";

    /// <summary>2025年7月6日.</summary>
    public static string FullDate(DateOnly d) => $"{d.Year}年{d.Month}月{d.Day}日";

    /// <summary>An instant in Asia/Shanghai: 2025年7月6日 24:00 for a day's last tick, else 2025年7月3日 09:30.</summary>
    public static string Instant(DateTimeOffset t)
    {
        var local = t.ToOffset(ShanghaiTime.Offset);
        if (local.AddTicks(1).TimeOfDay == TimeSpan.Zero) return FullDate(DateOnly.FromDateTime(local.DateTime)) + " 24:00";
        return FullDate(DateOnly.FromDateTime(local.DateTime)) + " " + local.ToString("HH:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>红 | 黄 | 绿 | 灰.</summary>
    public static string Light(Light light) => light switch
    {
        Domain.Progress.Light.Red => "红",
        Domain.Progress.Light.Yellow => "黄",
        Domain.Progress.Light.Green => "绿",
        _ => "灰",
    };

    /// <summary>↑2, ↓1, 持平, or 新进 when there was no rank last week.</summary>
    public static string RankChange(int? change, int? rank) => (change, rank) switch
    {
        (null, null) => "—",
        (null, _) => "新进",
        (0, _) => "持平",
        ( > 0, _) => "↑" + change,
        _ => "↓" + -change,
    };
}
