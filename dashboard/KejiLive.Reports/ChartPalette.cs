using KejiLive.Domain.Progress;
using ScottPlot;

namespace KejiLive.Reports;

/// <summary>Colours shared by the charts and the HTML: lights as on the wall, the plan in blue, the band in pale tones.</summary>
internal static class ChartPalette
{
    public static readonly Color Plan = Color.FromHex("#1f5fa8");
    public static readonly Color Actual = Color.FromHex("#202020");
    public static readonly Color Forecast = Color.FromHex("#7a4fb3");
    public static readonly Color YellowBand = Color.FromHex("#f6d55c").WithAlpha(0.35);
    public static readonly Color RedBand = Color.FromHex("#e05a4f").WithAlpha(0.18);
    public static readonly Color Schedule = Color.FromHex("#9aa7b5");

    public static Color For(Light light) => light switch
    {
        Light.Red => Color.FromHex("#d93025"),
        Light.Yellow => Color.FromHex("#e6a700"),
        Light.Green => Color.FromHex("#1e8e3e"),
        _ => Color.FromHex("#9e9e9e"),
    };
}
