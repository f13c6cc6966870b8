using System.Text.Json;
using KejiLive.Domain.Alerts;
using KejiLive.Domain.Progress;

namespace KejiLive.Domain.Planning;

/// <summary>Reads and validates a plan file (format: silo/plans/README.md). Throws <see cref="PlanValidationException"/>
/// listing every error; a broken plan is never half-loaded.</summary>
/// <remarks>JSON with <c>//</c> comments and trailing commas; camelCase names. Derived on load: growth unit targets
/// (baseline total × (1 + growth), rounded to 4 decimals) and the growth city target (their sum over counties and
/// zones), a milestone target's count, each kind's implied curve, thresholds merged over the defaults, each
/// assignment's office (the unit's unless the split entry names one), <c>graceDays</c> 5 when absent, alert settings
/// (top-level <c>alerts</c> over the defaults, each target's <c>alerts</c> over those), data-quality settings (the same
/// for <c>dataQuality</c>).</remarks>
public static class PlanLoader
{
    /// <summary>Default days after a figure's release date before a unit without it is 未报送.</summary>
    public const int DefaultGraceDays = 5;

    private static readonly JsonDocumentOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static PlanDocument LoadFile(string path) => Parse(File.ReadAllText(path), Path.GetFileName(path));

    public static PlanDocument Parse(string json, string fileName)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, Options);
        }
        catch (JsonException ex)
        {
            var line = (ex.LineNumber ?? 0) + 1;
            throw new PlanValidationException([new PlanError(fileName, null, "$", $"malformed JSON at line {line}: {ex.Message}")]);
        }
        using (doc)
        {
            var ctx = new PlanJsonContext(fileName);
            var plan = Read(ctx, doc.RootElement);
            if (ctx.Errors.Count > 0 || plan is null) throw new PlanValidationException([.. ctx.Errors]);
            return plan;
        }
    }

    private static PlanDocument? Read(PlanJsonContext ctx, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            ctx.Error("$", "the plan must be a JSON object");
            return null;
        }
        var id = ctx.String(root, "id", "");
        var year = ctx.Integer(root, "year", "");
        if (year is < 2000 or > 2100)
        {
            ctx.Error("year", $"year must be between 2000 and 2100, not {year}");
            year = null;
        }
        var city = ctx.String(root, "city", "");
        var title = ctx.String(root, "title", "");
        var source = ctx.String(root, "source", "", required: false) ?? "";
        var sampleSplit = ctx.Bool(root, "sampleSplit", "") ?? false;
        var graceDays = ctx.Integer(root, "graceDays", "", required: false) ?? DefaultGraceDays;
        if (graceDays < 0) ctx.Error("graceDays", $"graceDays must be 0 or more, not {graceDays}");
        var defaults = PlanJsonCurves.Thresholds(ctx, root, "defaultThresholds", "", Thresholds.Default);
        var alerts = PlanJsonAlerts.Read(ctx, root, "", AlertSettings.Default, defaults, null);
        var quality = PlanJsonDataQuality.Read(ctx, root, "", DataQualitySettings.Default);
        var units = PlanJsonUnits.Read(ctx, root);
        var byId = units.ToDictionary(u => u.Id, StringComparer.Ordinal);
        var targets = PlanJsonTargets.Read(ctx, root, year, defaults, byId, alerts, quality);
        var routes = PlanJsonRoutes.Read(ctx, root, byId);
        return new PlanDocument(id ?? "", year ?? 0, city ?? "", title ?? "", source, sampleSplit, graceDays, units, targets)
        {
            Alerts = alerts,
            DataQuality = quality,
            Routes = routes,
        };
    }
}
