using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace KejiLive.Dashboard.Hosting;

/// <summary>A grain call that failed because the silo holding the grain is gone, no gateway answers, or the call timed out
/// answers <c>503 Service Unavailable</c> with <c>Retry-After</c> and a Chinese problem+json, not a bare 500: in a cluster
/// this is the second or two after a silo dies, before membership moves its grains (measured 0.9–1.4 s), and a retry
/// succeeds. A report sent again with the same <c>reportId</c> is answered 200 if the first attempt was stored, so the
/// retry cannot count twice.</summary>
public sealed partial class ClusterUnavailableHandler(IProblemDetailsService problems, ILogger<ClusterUnavailableHandler> logger) : IExceptionHandler
{
    /// <summary>Seconds a client waits before retrying (membership declares a dead silo dead in about 1.5 s).</summary>
    public const int RetryAfterSeconds = 2;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (!IsUnavailable(exception) || httpContext.Response.HasStarted) return false;
        LogUnavailable(logger, exception.GetType().Name, httpContext.Request.Method, httpContext.Request.Path);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "服务暂时不可用",
                Detail = $"集群正在切换节点，请 {RetryAfterSeconds} 秒后重试；报送请用同一 reportId 重发，已保存的不会重复计入。",
            },
        });
    }

    /// <summary>True for the failures of a call whose target silo or gateway is not there (now): the silo is dead or
    /// unreachable, the message was rejected on the way, the gateway is overloaded, or the call timed out. Looks through
    /// wrapping exceptions.</summary>
    public static bool IsUnavailable(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SiloUnavailableException or OrleansMessageRejectionException or GatewayTooBusyException
                or ClientNotAvailableException or TimeoutException)
            {
                return true;
            }
            // Orleans' connection failure type is internal to its messaging layer; its name is stable.
            if (e.GetType().Name == "ConnectionFailedException") return true;
            if (e is AggregateException { InnerExceptions.Count: 1 } aggregate && IsUnavailable(aggregate.InnerExceptions[0])) return true;
        }
        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answered 503 to {Method} {Path}: the cluster could not serve the call ({Exception}).")]
    private static partial void LogUnavailable(ILogger logger, string exception, string method, string path);
}
