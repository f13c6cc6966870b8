using System.Net.Http.Headers;
using System.Text;

namespace KejiLive.Grains.Delivery;

/// <summary>The HTTP side shared by the robot and webhook senders: one named client (timeout from
/// <see cref="DeliveryOptions.SendTimeout"/>), a JSON POST carrying the Idempotency-Key header.</summary>
internal static class DeliveryHttp
{
    public const string ClientName = "keji-delivery";

    public static async Task<(int Status, string Body, TimeSpan? RetryAfter)> PostJsonAsync(
        IHttpClientFactory factory, string url, string json, string idempotencyKey, string? bearer, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        if (!string.IsNullOrEmpty(bearer)) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        var client = factory.CreateClient(ClientName);
        using var response = await client.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        return ((int)response.StatusCode, body, retryAfter);
    }
}
