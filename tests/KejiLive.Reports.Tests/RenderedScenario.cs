using KejiLive.Domain.Tests.Weekly;
using KejiLive.Domain.Weekly;

namespace KejiLive.Reports.Tests;

/// <summary>The scenario's pack rendered once for all rendering tests (drawing takes a second).</summary>
internal static class RenderedScenario
{
    private static readonly Lazy<(WeeklyPack Pack, RenderedPack Files)> Value = new(() =>
    {
        var pack = WeeklyScenario.Build();
        return (pack, new WeeklyPackRenderer().Render(pack, 3, name => $"charts/{name}.png"));
    });

    public static WeeklyPack Pack => Value.Value.Pack;
    public static RenderedPack Files => Value.Value.Files;
}
