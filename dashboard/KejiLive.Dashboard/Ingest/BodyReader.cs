using System.Buffers;
using System.IO.Pipelines;
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
        // The whole body in the request's pipe, then one array of its exact size for the document (no chunk buffer,
        // no growing stream, no second copy).
        var reader = request.BodyReader;
        ReadResult read;
        while (true)
        {
            read = await reader.ReadAsync(cancellationToken);
            if (read.Buffer.Length > MaxBytes)
            {
                reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
                return (null, Failure.TooLarge, null);
            }
            if (read.IsCompleted || read.IsCanceled) break;
            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
        byte[] bytes;
        try
        {
            var body = read.Buffer;
            if (body.Length >= Utf8Bom.Length && StartsWithBom(body)) body = body.Slice(Utf8Bom.Length);
            bytes = body.ToArray();
        }
        finally
        {
            reader.AdvanceTo(read.Buffer.End);
        }
        try
        {
            return (JsonDocument.Parse(bytes, Options), Failure.None, null);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $"（第 {line + 1} 行，第 {e.BytePositionInLine + 1} 字节）" : "";
            return (null, Failure.Malformed, $"请求体不是合法的 JSON{where}：{e.Message}");
        }
    }

    private static bool StartsWithBom(ReadOnlySequence<byte> body)
    {
        Span<byte> head = stackalloc byte[3];
        body.Slice(0, Utf8Bom.Length).CopyTo(head);
        return head.SequenceEqual(Utf8Bom);
    }
}
