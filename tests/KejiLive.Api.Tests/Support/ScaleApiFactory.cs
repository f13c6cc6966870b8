using KejiLive.Testing;

namespace KejiLive.Api.Tests.Support;

/// <summary>The whole system in-process over a generated plan of <see cref="Units"/> county-level units
/// (<see cref="ScalePlan"/>), the plan clock pinned to 2025-07-01 09:00 Shanghai.</summary>
public sealed class ScaleApiFactory() : GeneratedPlanFactory(Units, "scale")
{
    /// <summary>National scale, as issue 13 measures it.</summary>
    public const int Units = 2850;
}
