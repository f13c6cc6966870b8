using KejiLive.Domain.Progress;

namespace KejiLive.Dashboard.Filling;

/// <summary>What <see cref="FillingParser"/> made of a workbook: the date the figures are for, the filled rows, the
/// items, and every error found (field = sheet!cell). Usable only when <see cref="Errors"/> is empty.</summary>
public sealed record FillingParse(
    DateOnly? AsOf,
    IReadOnlyList<FilledRow> Rows,
    IReadOnlyList<FilledItem> Items,
    IReadOnlyList<FieldError> Errors)
{
    /// <summary>The 说明 cell holding the unit id, e.g. <c>说明!B2</c>.</summary>
    public string UnitCell { get; init; } = $"{FillingSheets.About}!B2";

    /// <summary>The 说明 cell holding the date, e.g. <c>说明!B4</c>.</summary>
    public string AsOfCell { get; init; } = $"{FillingSheets.About}!B4";
}
