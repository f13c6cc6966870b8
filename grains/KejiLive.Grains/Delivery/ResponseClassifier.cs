using System.Net.Sockets;
using System.Text.Json;

namespace KejiLive.Grains.Delivery;

/// <summary>Turns receiver answers and transport failures into <see cref="DeliveryResult"/>s: success on 2xx (and,
/// for robots, errcode 0); retry on 408, 429, 5xx, the robots' rate-limit and busy codes, unreadable answers, timeouts
/// and connection failures; rejected on other 4xx and other robot codes.</summary>
public static class ResponseClassifier
{
    public static DeliveryResult Http(int status, string body, TimeSpan? retryAfter = null)
    {
        if (status is >= 200 and < 300) return DeliveryResult.Delivered;
        var error = $"HTTP {status} {Snippet(body)}".TrimEnd();
        return status is 408 or 429 or >= 500 ? DeliveryResult.Retry(error, retryAfter) : DeliveryResult.Rejected(error);
    }

    /// <param name="retryableCodes">The robot's errcodes that mean "later" (rate limit, system busy).</param>
    public static DeliveryResult Robot(int status, string body, IReadOnlyCollection<int> retryableCodes, TimeSpan? retryAfter = null)
    {
        if (status is < 200 or >= 300) return Http(status, body, retryAfter);
        int code;
        string message;
        try
        {
            using var json = JsonDocument.Parse(body);
            if (!json.RootElement.TryGetProperty("errcode", out var errcode) || !errcode.TryGetInt32(out code))
            {
                return DeliveryResult.Retry($"answer without errcode: {Snippet(body)}");
            }
            message = json.RootElement.TryGetProperty("errmsg", out var errmsg) ? errmsg.ToString() : "";
        }
        catch (JsonException)
        {
            return DeliveryResult.Retry($"unreadable answer: {Snippet(body)}");
        }
        if (code == 0) return DeliveryResult.Delivered;
        var error = $"errcode {code}: {message}";
        return retryableCodes.Contains(code) ? DeliveryResult.Retry(error, retryAfter) : DeliveryResult.Rejected(error);
    }

    /// <summary>Transport failures are all worth a retry: nothing says the receiver saw the message.</summary>
    public static DeliveryResult Exception(Exception exception) => exception switch
    {
        TaskCanceledException or TimeoutException or OperationCanceledException => DeliveryResult.Retry("timeout"),
        HttpRequestException { InnerException: SocketException socket } => DeliveryResult.Retry($"connection failed: {socket.SocketErrorCode}"),
        _ => DeliveryResult.Retry($"{exception.GetType().Name}: {Snippet(exception.Message)}"),
    };

    public static string Snippet(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
