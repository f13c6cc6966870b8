using System.Globalization;
using KejiLive.Domain.Planning;

namespace KejiLive.Domain.Progress;

/// <summary>The light of a city roll-up of counts, ranges and growth targets, shared by the live roll-up
/// (<see cref="Views.IncrementalCityRollUp"/>) and the full one (<see cref="CityRollUp"/>, which the weekly pack's city
/// track replays), so the two always agree.</summary>
/// <remarks>
/// <para>The city owes what its units owe. For item measures (家、个、项、名、人, <see cref="ItemRules.IsWhole"/>) each unit
/// owes the whole items its plan expects by its own 序时进度 date, read as the unit's own light reads it (a share of an
/// item is not owed; where one item is within the yellow tolerance, a whole count stands for the items done plus half of
/// the one under way): a city of two institutes of 1 each, half-way through the year, owes 0 items, not 1 (−50 points), so it is not
/// red beside two units that are green because they owe nothing yet. Other measures owe the plan's expected value.</para>
/// <para>The city is never red while none of its units is: each unit's light already applies the rules the sum cannot
/// see (due dates with a grace period for 1–3 item targets, 未报送 never red by itself, a step whose figure is not yet
/// released), and a red city that summons nobody (no unit red, no 督办) is a light nobody can act on. It is then yellow.
/// Otherwise the city's light is its own gap against the thresholds, with hysteresis; grey while no unit has reported.</para>
/// <para>O(1) from sums the incremental roll-up keeps (owed items, red units): no walk over the units.</para>
/// </remarks>
public static class CityLight
{
    /// <summary>What one unit owes by its own 序时进度 date, read as its own light reads it: the expected value; for item
    /// measures the whole items due, or (where one item is within the yellow tolerance) the expected value less the half of
    /// the item under way (<see cref="TargetEvaluator.Owed"/>).</summary>
    public static double Owed(TargetDefinition target, TargetEvaluation unit) =>
        unit.AnnualTarget > 0 && ItemRules.IsWhole(target)
            ? TargetEvaluator.Owed(target, unit.AnnualTarget, unit.Actual, unit.Expected / unit.AnnualTarget)
            : unit.Expected;

    /// <summary>The city's light and its reason from the summed <paramref name="annual"/>, <paramref name="actual"/> and
    /// <paramref name="owed"/> (<see cref="Owed"/> summed over the counted units), whether any unit has reported, how many
    /// counted units are red, and the city's previous light (hysteresis).</summary>
    public static (Light Light, string? Explanation, string? Code) Judge(TargetDefinition target, double annual, double actual, double owed,
        bool anyReport, int unitsRed, Light previous)
    {
        if (!anyReport) return (Light.Grey, null, null);
        var judged = annual > 0 ? (actual - owed) / annual * 100 : 0;
        var light = LightRules.Judge(judged, target.Thresholds, previous);
        var whole = ItemRules.IsWhole(target);
        var m = target.Measure;
        var basis = whole
            ? $"按各单位应完成的整项合计{(Math.Abs(owed - Math.Round(owed)) > 1e-6 ? "（在办的一项按半项计）" : "")}：应完成{owed:0.#}{m}，已完成{actual:0.#}{m}，较序时{judged:0.#}个百分点。"
            : null;
        if (light == Light.Red && unitsRed == 0)
        {
            return (Light.Yellow, whole
                ? $"{basis}但没有单位亮红灯（各单位按期限和宽限期判断），全市不判红。"
                : string.Create(CultureInfo.InvariantCulture, $"全市较序时{judged:0.#}个百分点，但没有单位亮红灯（各单位按报送日历和宽限期判断），全市不判红。"),
                LightBasis.CityNotRed);
        }
        return (light, basis, basis is null ? null : LightBasis.CityItems);
    }
}
