using KejiLive.Domain.Progress;
using ScottPlot;

namespace KejiLive.Reports;

/// <summary>Colours shared by the charts and the HTML: lights as on the wall, the plan in blue, the band in pale tones,
/// the 赛马 bands in blues (never a light's colour).</summary>
internal static class ChartPalette
{
    public static readonly Color Plan = Color.FromHex("#1f5fa8");
    public static readonly Color Actual = Color.FromHex("#202020");
    public static readonly Color Forecast = Color.FromHex("#7a4fb3");
    public static readonly Color YellowBand = Color.FromHex("#f6d55c").WithAlpha(0.35);
    public static readonly Color RedBand = Color.FromHex("#e05a4f").WithAlpha(0.18);
    public static readonly Color Schedule = Color.FromHex("#9aa7b5");

    /// <summary>The 赛马 score bands in shades of one blue: nothing a reader could take for a light.</summary>
    public static readonly Color RankHigh = Color.FromHex("#1f4e79");
    public static readonly Color RankMiddle = Color.FromHex("#4a86c5");
    public static readonly Color RankLow = Color.FromHex("#a9c6e8");

    public static Color For(Light light) => light switch
    {
        Light.Red => Color.FromHex("#d93025"),
        Light.Yellow => Color.FromHex("#e6a700"),
        Light.Green => Color.FromHex("#1e8e3e"),
        _ => Color.FromHex("#9e9e9e"),
    };
}
