using KejiLive.Domain.Progress;
using Microsoft.AspNetCore.Http;

namespace KejiLive.Dashboard.Endpoints;

/// <summary>RFC 7807 answers that name the field at fault.</summary>
public static class Problems
{
    public static IResult Invalid(IReadOnlyList<FieldError> errors, string title = "报送数据无效")
    {
        var byField = errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
        return Results.ValidationProblem(byField, detail: string.Join("；", errors.Select(e => $"{e.Field}: {e.Message}")), title: title);
    }

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
