namespace KejiLive.Grains.Abstractions.Messages;

/// <summary>What a grain did with a report.</summary>
public enum IngestOutcome
{
    /// <summary>Stored durably; the state changed (HTTP 201).</summary>
    Created,

    /// <summary>The same reportId with the same content was already stored; nothing changed (HTTP 200).</summary>
    Duplicate,

    /// <summary>Refused by a rule (e.g. a cumulative value going down without "correction"); nothing changed (HTTP 400).</summary>
    Refused,

    /// <summary>The reportId was already used with different content; nothing changed (HTTP 409).</summary>
    Conflict,
}
