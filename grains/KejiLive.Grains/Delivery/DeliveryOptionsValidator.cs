using Microsoft.Extensions.Options;

namespace KejiLive.Grains.Delivery;

/// <summary>Checks the contact points at start: robots and webhooks need an absolute http(s) URL, e-mail needs a
/// host, a sender and recipients; limits and delays must make sense.</summary>
public sealed class DeliveryOptionsValidator : IValidateOptions<DeliveryOptions>
{
    public ValidateOptionsResult Validate(string? name, DeliveryOptions options)
    {
        var errors = new List<string>();
        foreach (var (id, point) in options.ContactPoints)
        {
            var where = $"Alerts:ContactPoints:{id}";
            if (point.Kind == ContactPointKind.Email)
            {
                if (string.IsNullOrWhiteSpace(point.SmtpHost)) errors.Add($"{where}:SmtpHost is required for e-mail.");
                if (string.IsNullOrWhiteSpace(point.From)) errors.Add($"{where}:From is required for e-mail.");
                if (!EmailFormatter.Recipients(point.To).Any()) errors.Add($"{where}:To needs at least one address.");
            }
            else if (!Uri.TryCreate(point.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                errors.Add($"{where}:Url must be an absolute http(s) URL.");
            }
            if (point.RateLimit < 0) errors.Add($"{where}:RateLimit must not be negative.");
        }
        if (options.RobotRateLimit < 0) errors.Add("Alerts:RobotRateLimit must not be negative.");
        if (options.RateLimitWindow <= TimeSpan.Zero) errors.Add("Alerts:RateLimitWindow must be positive.");
        if (options.RetryBaseDelay <= TimeSpan.Zero || options.RetryMaxDelay < options.RetryBaseDelay)
        {
            errors.Add("Alerts:RetryBaseDelay must be positive and not above Alerts:RetryMaxDelay.");
        }
        if (options.MaxPending < 1) errors.Add("Alerts:MaxPending must be at least 1.");
        if (options.MaxOverflow < 0) errors.Add("Alerts:MaxOverflow must not be negative.");
        if (options.SendTimeout <= TimeSpan.Zero) errors.Add("Alerts:SendTimeout must be positive.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
