namespace KejiLive.Grains.Abstractions.Keys;

/// <summary>The one place grain keys are built and read. Target and unit ids never contain '/', so the pair is
/// unambiguous (plan validation enforces the id pattern).</summary>
public static class GrainKeys
{
    private const char Separator = '/';

    /// <summary>Key of the grain holding one unit's share of one target.</summary>
    public static string Target(string targetId, string unitId) => targetId + Separator + unitId;

    /// <summary>Splits a key made by <see cref="Target"/>.</summary>
    public static (string TargetId, string UnitId) ParseTarget(string key)
    {
        var i = key.IndexOf(Separator, StringComparison.Ordinal);
        if (i <= 0 || i == key.Length - 1)
        {
            throw new ArgumentException($"'{key}' is not a target grain key (expected '<target>/<unit>').", nameof(key));
        }
        return (key[..i], key[(i + 1)..]);
    }

    /// <summary>Key of the alerts grain of a unit's unit-level rules (未报送): the unit with no target ("_").</summary>
    public static string UnitAlerts(string unitId) => Target(NoTarget, unitId);

    /// <summary>Stands for "no target" in keys and alert ids (target ids never contain it).</summary>
    public const string NoTarget = "_";

    /// <summary>Key of the item registry of a count target (the target id: one registry spans every unit, so an item
    /// claimed by two units is seen as one).</summary>
    public static string Items(string targetId) => targetId;

    /// <summary>Key of the single scheduler and ranking grains of a plan.</summary>
    public static string Plan(string planId) => planId;
}
