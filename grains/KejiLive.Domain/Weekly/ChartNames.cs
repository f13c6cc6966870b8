using System.Text.RegularExpressions;

namespace KejiLive.Domain.Weekly;

/// <summary>The one place chart ids are built. Ids are lower-case letters, digits, '-' and '_' only (plan ids follow the
/// same pattern), so an id is safe in a URL and can never name a path.</summary>
public static partial class ChartNames
{
    /// <summary>The bar chart of the 赛马 ranking.</summary>
    public const string Ranking = "ranking";

    /// <summary>完成率 vs 序时进度 of the city's main targets.</summary>
    public const string Headline = "headline";

    /// <summary>A city target's curve.</summary>
    public static string City(string targetId) => "city__" + targetId;

    /// <summary>A unit × target curve.</summary>
    public static string Unit(string unitId, string targetId) => "unit__" + unitId + "__" + targetId;

    /// <summary>A unit's overview (完成率 vs 序时进度 per target).</summary>
    public static string Overview(string unitId) => "overview__" + unitId;

    /// <summary>True for a well-formed chart id (at most 160 characters).</summary>
    public static bool IsValid(string? name) => name is { Length: > 0 and <= 160 } && Pattern().IsMatch(name);

    [GeneratedRegex(@"^[a-z0-9][a-z0-9_-]*\z", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Pattern();
}
