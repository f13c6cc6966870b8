namespace KejiLive.Dashboard.Filling;

/// <summary>Why an uploaded workbook was not read: <see cref="StatusCode"/> 400 when it is not a readable XLSX, 413 when
/// it passes one of <see cref="XlsxGuard"/>'s limits; <see cref="Limit"/> names that limit (<c>rows</c>, <c>columns</c>,
/// <c>cells</c>, <c>cellText</c>, <c>sharedStrings</c>, <c>entrySize</c>, …) and is null for an unreadable file;
/// <see cref="Message"/> says it in Chinese for the person who uploaded the file.</summary>
public sealed record XlsxRefusal(int StatusCode, string? Limit, string Message)
{
    /// <summary>Not a readable XLSX workbook (400).</summary>
    public static XlsxRefusal Unreadable(string message) => new(400, null, message);

    /// <summary>Over the limit <paramref name="limit"/> (413).</summary>
    public static XlsxRefusal Over(string limit, string message) => new(413, limit, message);
}
