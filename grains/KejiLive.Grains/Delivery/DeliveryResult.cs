namespace KejiLive.Grains.Delivery;

/// <summary>The result of one send attempt.</summary>
/// <param name="Error">What went wrong, for the status page and logs.</param>
/// <param name="RetryAfter">A wait the receiver asked for (HTTP Retry-After), if any.</param>
public sealed record DeliveryResult(DeliveryOutcome Outcome, string? Error = null, TimeSpan? RetryAfter = null)
{
    public static DeliveryResult Delivered { get; } = new(DeliveryOutcome.Delivered);

    public static DeliveryResult Retry(string error, TimeSpan? retryAfter = null) => new(DeliveryOutcome.Retry, error, retryAfter);

    public static DeliveryResult Rejected(string error) => new(DeliveryOutcome.Rejected, error);
}
