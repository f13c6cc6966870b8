namespace KejiLive.Dashboard.Filling;

/// <summary>Text for a spreadsheet cell that can never be read as a formula, as the weekly pack writes it
/// (KejiLive.Reports SafeCell, OWASP formula injection): text starting with = + - @ tab or CR gets a leading
/// apostrophe. <see cref="Unwrap"/> takes it off again when such a cell comes back in an upload.</summary>
public static class SafeText
{
    public static string? Cell(string? text) =>
        text is { Length: > 0 } && IsRisky(text[0]) ? "'" + text : text;

    public static string Unwrap(string text) =>
        text.Length > 1 && text[0] == '\'' && IsRisky(text[1]) ? text[1..] : text;

    private static bool IsRisky(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r';
}
