using Microsoft.AspNetCore.Http;

namespace KejiLive.Dashboard.ErrorPages;

/// <summary>Answers a problem as a Chinese HTML page when a browser navigates (Accept names text/html): unknown pages
/// (404), unhandled errors (500), and every <c>Results.Problem</c>. Registered before the default writer, which goes on
/// writing problem+json for everyone else.</summary>
public sealed class HtmlProblemWriter : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => ErrorPage.Wanted(context.HttpContext.Request);

    public async ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var response = context.HttpContext.Response;
        var status = context.ProblemDetails.Status ?? response.StatusCode;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        await response.WriteAsync(ErrorPage.Html(status, context.ProblemDetails.Detail));
    }
}
