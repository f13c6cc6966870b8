using KejiLive.Domain.Progress;
using Microsoft.AspNetCore.Http;

namespace KejiLive.Dashboard.Endpoints;

/// <summary>RFC 7807 answers that name the field at fault.</summary>
public static class Problems
{
    /// <summary>At most this many errors are listed in one answer (a 500-item batch of bad items stays a few KB).</summary>
    public const int MaxListedErrors = 20;

    /// <summary>At most this many characters of one error message.</summary>
    public const int MaxMessageLength = 300;

    /// <summary>400 validation problem naming the fields at fault: the first <see cref="MaxListedErrors"/> errors, and
    /// when there are more, <c>moreErrors</c> (how many are not listed) and <c>totalErrors</c>.</summary>
    public static IResult Invalid(IReadOnlyList<FieldError> errors, string title = "报送数据无效")
    {
        var listed = errors.Take(MaxListedErrors).Select(e => e with { Message = Cut(e.Message) }).ToList();
        var more = errors.Count - listed.Count;
        var byField = listed.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
        var detail = string.Join("；", listed.Select(e => $"{e.Field}: {e.Message}"));
        if (more > 0) detail += $"；另有 {more} 处错误未列出（共 {errors.Count} 处，只列前 {MaxListedErrors} 处）";
        var extensions = more > 0 ? new Dictionary<string, object?> { ["moreErrors"] = more, ["totalErrors"] = errors.Count } : null;
        return Results.ValidationProblem(byField, detail: detail, title: title, extensions: extensions);
    }

    private static string Cut(string message) => message.Length <= MaxMessageLength ? message : message[..MaxMessageLength] + "…";

    public static IResult NotFound(string field, string message) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "未找到", detail: message,
            extensions: new Dictionary<string, object?> { ["field"] = field });

    public static IResult Forbidden(string field, string message) =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "无权操作", detail: message,
            extensions: new Dictionary<string, object?> { ["field"] = field });

    public static IResult TooLarge(long limit) =>
        Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "请求体过大",
            detail: $"请求体超过 {limit / 1024} KiB 上限；请分批报送。");
}
