namespace KejiLive.Grains.Abstractions.Reports;

/// <summary>A stored weekly pack, without its files: which week, which version, when and up to when it was made.</summary>
[GenerateSerializer, Alias("keji.pack-summary")]
public sealed record PackSummary
{
    /// <summary>yyyy-Www.</summary>
    [Id(0)] public required string Week { get; init; }

    /// <summary>1 for the first generation, +1 for each regeneration.</summary>
    [Id(1)] public int Version { get; init; }

    [Id(2)] public DateTimeOffset GeneratedAt { get; init; }

    /// <summary>The instant the pack judges at (the week's end, or the generation time for a preview).</summary>
    [Id(3)] public DateTimeOffset CutOff { get; init; }

    /// <summary>The week had ended when it was made; a final pack is served as written until regenerated on demand.</summary>
    [Id(4)] public bool Final { get; init; }

    [Id(5)] public int Red { get; init; }
    [Id(6)] public int Yellow { get; init; }
    [Id(7)] public int Charts { get; init; }

    /// <summary>Site-relative link to the printable page, e.g. <c>/reports/2025-W27</c>.</summary>
    [Id(8)] public required string HtmlPath { get; init; }

    /// <summary>Site-relative link to the workbook.</summary>
    [Id(9)] public required string XlsxPath { get; init; }
}
