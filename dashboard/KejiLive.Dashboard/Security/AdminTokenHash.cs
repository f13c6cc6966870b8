using KejiLive.Domain.Security;

namespace KejiLive.Dashboard.Security;

/// <summary>The configured <c>Auth:AdminToken</c>, held as its hash only.</summary>
public sealed class AdminTokenHash
{
    /// <summary>Shortest admin token accepted from configuration: a guessable one would open every write.</summary>
    public const int MinLength = 32;

    private readonly string? _hash;

    public AdminTokenHash(string? configured)
    {
        if (string.IsNullOrEmpty(configured)) return;
        if (configured.Length < MinLength)
        {
            throw new InvalidOperationException($"Auth:AdminToken must be at least {MinLength} characters (a random value, e.g. `openssl rand -base64 32`).");
        }
        _hash = ApiTokens.Hash(configured);
    }

    public bool IsConfigured => _hash is not null;

    public bool Matches(string token) => MatchesHash(ApiTokens.Hash(token));

    /// <summary>Whether <paramref name="hash"/> (<see cref="ApiTokens.Hash"/> of a presented token) is the configured token's.</summary>
    public bool MatchesHash(string hash) => _hash is not null && ApiTokens.FixedEquals(_hash, hash);

    /// <summary>What a page session of this token stores to tell it is still the configured one (a hash of the hash:
    /// nothing that verifies the token).</summary>
    public string? Fingerprint => _hash is null ? null : ApiTokens.Hash(_hash);

    public bool HasFingerprint(string fingerprint) => Fingerprint is { } own && ApiTokens.FixedEquals(own, fingerprint);
}
