namespace KejiLive.Grains.Delivery;

/// <summary>Alert delivery settings, bound from the <c>Alerts</c> configuration section.</summary>
public sealed class DeliveryOptions
{
    public const string Section = "Alerts";

    /// <summary>Contact points by id (<c>Alerts:ContactPoints:{id}:Kind</c>, <c>…:Url</c>, …).</summary>
    public Dictionary<string, ContactPoint> ContactPoints { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Messages per window a WeCom or DingTalk robot accepts (both document 20 a minute).</summary>
    public int RobotRateLimit { get; set; } = 20;

    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a new notification waits for others to arrive, so a burst can be folded into digests.</summary>
    public TimeSpan GatherDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Share of a retry delay taken off at random (0 = none; 0.2 = up to 20 % earlier), seeded by the message
    /// key and attempt so it is reproducible.</summary>
    public double RetryJitter { get; set; } = 0.2;

    /// <summary>Retryable failures are retried this long after enqueueing, then the entry is marked failed.</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Bounds of the remembered keys that make enqueueing idempotent (whichever is reached first).</summary>
    public int DedupeKeys { get; set; } = 5000;
    public TimeSpan DedupeWindow { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Finished entries kept for the status page; failed ones (text kept, image dropped) up to
    /// <see cref="FailedToKeep"/>, the oldest dropped beyond it and counted.</summary>
    public int RecentToKeep { get; set; } = 50;
    public int FailedToKeep { get; set; } = 100;

    /// <summary>Most entries waiting in one outbox's queue (its state is rewritten on every send, so it is kept bounded).</summary>
    public int MaxPending { get; set; } = 1000;

    /// <summary>Most entries waiting in one outbox's overflow while its queue is full: stored apart from the queue (not
    /// rewritten on every send) and moved into it in arrival order as room frees. Beyond it an enqueue is refused and
    /// counted (<c>keji_outbox_refused_total</c>).</summary>
    public int MaxOverflow { get; set; } = 500;

    /// <summary>Most messages sent in one timer turn before other grain calls get their turn.</summary>
    public int MaxSendsPerTurn { get; set; } = 10;

    /// <summary>Timeout of one HTTP request or SMTP session.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Robot markdown is cut to this many UTF-8 bytes (WeCom allows 4096).</summary>
    public int MaxMarkdownBytes { get; set; } = 4096;

    /// <summary>The <c>externalURL</c> of webhook payloads: where this system is reached.</summary>
    public string ExternalUrl { get; set; } = "";

    public ContactPoint? Find(string id) => ContactPoints.GetValueOrDefault(id);

    /// <summary>The effective rate limit of a contact point; 0 = unlimited.</summary>
    public int RateLimitOf(ContactPoint? point) => point switch
    {
        null => 0,
        { RateLimit: { } explicitLimit } => Math.Max(0, explicitLimit),
        { Kind: ContactPointKind.WeCom or ContactPointKind.DingTalk } => RobotRateLimit,
        _ => 0,
    };
}
