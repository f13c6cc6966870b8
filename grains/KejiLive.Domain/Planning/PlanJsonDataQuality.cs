using System.Text.Json;
using KejiLive.Domain.Progress;

namespace KejiLive.Domain.Planning;

/// <summary>Reads an optional <c>dataQuality</c> block (top level or per target), merged field by field over the
/// settings it inherits, and checks the result (<see cref="DataQualitySettings.Validate"/>). Unknown fields are errors.</summary>
internal static class PlanJsonDataQuality
{
    private static readonly string[] Fields = ["jumpFactor", "jumpShare", "dropShare"];

    /// <summary>The settings for <paramref name="obj"/>: its <c>dataQuality</c> over <paramref name="inherited"/>.
    /// Errors of inherited settings are reported where they were written, not again for each target.</summary>
    public static DataQualitySettings Read(PlanJsonContext ctx, JsonElement obj, string parent, DataQualitySettings inherited)
    {
        var path = PlanJsonContext.Join(parent, "dataQuality");
        if (ctx.Object(obj, "dataQuality", parent, required: false) is not { } block) return inherited;
        foreach (var p in block.EnumerateObject())
        {
            if (!Fields.Contains(p.Name))
                ctx.Error(PlanJsonContext.Join(path, p.Name), $"unknown dataQuality field '{p.Name}'; allowed: {string.Join(", ", Fields)}");
        }
        var merged = new DataQualitySettings(
            ctx.Number(block, "jumpFactor", path, false) ?? inherited.JumpFactor,
            ctx.Number(block, "jumpShare", path, false) ?? inherited.JumpShare,
            ctx.Number(block, "dropShare", path, false) ?? inherited.DropShare);
        var already = inherited.Validate().ToHashSet();
        foreach (var (field, message) in merged.Validate())
        {
            if (!already.Contains((field, message))) ctx.Error(PlanJsonContext.Join(path, field), message);
        }
        return merged;
    }
}
