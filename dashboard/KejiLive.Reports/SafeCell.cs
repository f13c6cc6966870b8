namespace KejiLive.Reports;

/// <summary>Text for a spreadsheet cell that can never be read as a formula: text starting with = + - @ tab or CR gets
/// a leading apostrophe (OWASP CSV/formula injection). Applied to every text cell, above all to what units typed.</summary>
internal static class SafeCell
{
    public static string? Text(string? text) =>
        text is { Length: > 0 } && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
}
