namespace KejiLive.Grains.Abstractions.Security;

/// <summary>One page session (signed in at <c>POST /api/session</c>). The browser's cookie holds only a random session id;
/// this grain, keyed by that id's SHA-256 (<see cref="SessionIds.Key"/>, so neither logs nor storage hold the id
/// itself), remembers which token signed in and until when. Expiry is on real time, like the tokens'.</summary>
public interface ISessionGrain : IGrainWithStringKey
{
    /// <summary>Starts the session for <paramref name="tokenId"/>; it ends after <paramref name="lifetime"/>, or when
    /// the token expires (<paramref name="tokenExpiresAt"/>) if that is sooner.</summary>
    Task<SessionView> StartAsync(string tokenId, string? adminFingerprint, TimeSpan lifetime, DateTimeOffset? tokenExpiresAt);

    /// <summary>The session while it runs; null once it ended (signed out, expired) or when it never existed.</summary>
    Task<SessionView?> GetAsync();

    /// <summary>Ends the session at once (sign out). Ending an ended session does nothing.</summary>
    Task EndAsync();
}

/// <summary>A running session: the token behind it (the token grain's id, or the configured admin token's marker with
/// that token's fingerprint) and when it ends.</summary>
[GenerateSerializer, Alias("keji.session")]
public sealed record SessionView
{
    [Id(0)] public required string TokenId { get; init; }

    /// <summary>For a session of the configured admin token: its hash, so a changed <c>Auth:AdminToken</c> ends it.</summary>
    [Id(1)] public string? AdminFingerprint { get; init; }

    [Id(2)] public DateTimeOffset StartedAt { get; init; }

    [Id(3)] public DateTimeOffset ExpiresAt { get; init; }
}
