namespace KejiLive.Grains.Delivery;

/// <summary>Where one outbox sends: bound from <c>Alerts:ContactPoints:{id}</c>. URLs and secrets live in configuration
/// (environment, secrets store), not in the plan; the plan maps units to contact point ids.</summary>
public sealed class ContactPoint
{
    /// <summary>The configuration key; filled in when options are bound.</summary>
    public string Id { get; set; } = "";

    public ContactPointKind Kind { get; set; }

    /// <summary>WeCom: the robot's webhook URL with its key; DingTalk: the robot URL with its access_token; webhook: the
    /// receiver URL.</summary>
    public string Url { get; set; } = "";

    /// <summary>DingTalk: the signing secret (SEC…), added as timestamp and sign; webhook: sent as a bearer token;
    /// e-mail: the SMTP password. Optional.</summary>
    public string? Secret { get; set; }

    /// <summary>Most messages per <see cref="DeliveryOptions.RateLimitWindow"/>; null takes the kind's default
    /// (robots: <see cref="DeliveryOptions.RobotRateLimit"/>, others unlimited); 0 means unlimited.</summary>
    public int? RateLimit { get; set; }

    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 25;
    public SmtpSecurity SmtpSecurity { get; set; }
    public string? SmtpUser { get; set; }
    public string? From { get; set; }

    /// <summary>E-mail recipients, separated by commas or semicolons.</summary>
    public string? To { get; set; }
}
