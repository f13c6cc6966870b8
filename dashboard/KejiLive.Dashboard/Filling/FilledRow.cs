namespace KejiLive.Dashboard.Filling;

/// <summary>A filled row of the 填报 sheet: a report to be. <see cref="Value"/> is null when only items make the value.</summary>
/// <param name="Row">Spreadsheet row number (1-based; the header is row 1).</param>
/// <param name="Columns">Column letter per field (value, numerator, denominator, correction, note, target), for errors.</param>
public sealed record FilledRow(
    int Row,
    string TargetId,
    double? Value,
    double? Numerator,
    double? Denominator,
    bool Correction,
    string? Note,
    IReadOnlyDictionary<string, string> Columns)
{
    /// <summary>The cell of a report field in this row, e.g. <c>填报!G7</c>; the target id cell for fields without a column.</summary>
    public string Cell(string field) =>
        $"{FillingSheets.Fill}!{(Columns.TryGetValue(field, out var c) ? c : Columns["target"])}{Row}";
}
