using KejiLive.Domain.Planning;

namespace KejiLive.Dashboard.Endpoints;

/// <summary>A unit as a refusal names it to a county official: its name with its code, 信丰县（360722）; a code the
/// plan does not have, quoted as sent.</summary>
public static class UnitText
{
    public static string Of(PlanDocument plan, string? unit) =>
        unit is not null && plan.FindUnit(unit) is { } known ? $"{known.Name}（{unit}）" : $"“{unit}”";
}
