using KejiLive.Domain.Alerts;
using KejiLive.Domain.Planning;

namespace KejiLive.Grains.Alerts;

/// <summary>The contact points of a notice: the plan's <c>routes</c> and the configuration's <c>Alerts:Routes</c>
/// together (configuration adds to the plan, e.g. a test robot), each id once.</summary>
public static class AlertRoutes
{
    public static string[] For(PlanDocument plan, AlertRoutingOptions options, AlertAudience audience, string unitId) => audience switch
    {
        AlertAudience.Unit => Merge(plan.Routes.Units.TryGetValue(unitId, out var planned) ? planned : [],
            options.Units.TryGetValue(unitId, out var configured) ? configured : []),
        AlertAudience.Leader => Merge(plan.Routes.Leader, options.Leader),
        _ => City(plan, options),
    };

    public static string[] City(PlanDocument plan, AlertRoutingOptions options) => Merge(plan.Routes.City, options.City);

    private static string[] Merge(IEnumerable<string> planned, IEnumerable<string> configured) =>
        [.. planned.Concat(configured).Distinct(StringComparer.Ordinal)];
}
