using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace KejiLive.Dashboard.Ingest;

/// <summary>Reads a request body as JSON within a size limit. Duplicate property names are refused (which value would
/// count is otherwise a guess), as are comments and trailing commas. A UTF-8 byte order mark before the JSON (as some
/// Windows tools write it) is skipped, nothing else is.</summary>
public static class BodyReader
{
    /// <summary>1 MiB: a batch of 500 reports with notes fits easily.</summary>
    public const long MaxBytes = 1 << 20;

    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 16,
        AllowDuplicateProperties = false,
    };

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    public enum Failure { None, TooLarge, Malformed }

    public static async Task<(JsonDocument? Document, Failure Failure, string? Message)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes) return (null, Failure.TooLarge, null);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes) return (null, Failure.TooLarge, null);
            buffer.Write(chunk, 0, read);
        }
        try
        {
            var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
            if (bytes.Span.StartsWith(Utf8Bom)) bytes = bytes[Utf8Bom.Length..];
            return (JsonDocument.Parse(bytes.ToArray(), Options), Failure.None, null);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $"（第 {line + 1} 行，第 {e.BytePositionInLine + 1} 字节）" : "";
            return (null, Failure.Malformed, $"请求体不是合法的 JSON{where}：{e.Message}");
        }
    }
}
