using System.Collections.Immutable;
using Orleans.Concurrency;

namespace KejiLive.Grains.Abstractions.Security;

/// <summary>The API tokens (one grain, key <see cref="Key"/>), stored as hashes. Expiry is on real time, not the plan
/// clock: a demo running a year in an hour must not expire its tokens in seconds.</summary>
public interface ITokenGrain : IGrainWithStringKey
{
    public const string Key = "tokens";

    /// <summary>Creates a token; the caller has validated the request (see <c>ApiTokens.Validate</c>).</summary>
    Task<TokenCreated> CreateAsync(string name, string role, string? unit, int expiresInDays, string createdBy);

    /// <summary>Revokes a token at once; false when there is no such id. Revoking twice keeps the first record.</summary>
    Task<TokenView?> RevokeAsync(string id, string revokedBy);

    [AlwaysInterleave]
    Task<ImmutableArray<TokenView>> ListAsync();

    /// <summary>The token's view when <paramref name="secret"/> is right and the token active; null otherwise.</summary>
    [AlwaysInterleave]
    Task<TokenView?> ValidateAsync(string id, string secret);

    /// <summary>Which of <paramref name="ids"/> are still active (known, not revoked, not expired): how a web node
    /// re-checks the tokens behind its open hub connections without holding their secrets.</summary>
    [AlwaysInterleave]
    Task<ImmutableArray<string>> ActiveAsync(ImmutableArray<string> ids);

    /// <summary>The token's view while it is active (known, not revoked, not expired); null otherwise. How a page session,
    /// which holds the token's id but never its secret, finds who it acts for on every request.</summary>
    [AlwaysInterleave]
    Task<TokenView?> GetActiveAsync(string id);

    /// <summary>Whether any admin token is active (the first start prints one when none is and none is configured).</summary>
    [AlwaysInterleave]
    Task<bool> HasActiveAdminAsync();
}
