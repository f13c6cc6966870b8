using System.Collections.Immutable;
using System.Security.Cryptography;
using KejiLive.Domain.Security;
using KejiLive.Grains.Abstractions.Security;
using KejiLive.Grains.State;

namespace KejiLive.Grains.Security;

/// <summary>The tokens, durable, as SHA-256 hashes of their secrets. Revoked and expired tokens stay listed (who had
/// access when is part of the record); they never validate again. When a token was last used is kept in memory on every
/// validation (no write per request) and stored with the next write of the state and when the grain deactivates.</summary>
public sealed class TokenGrain(
    [PersistentState("tokens", StorageNames.Keji)] IPersistentState<TokenState> state,
    TimeProvider time) : Grain, ITokenGrain
{
    private readonly Dictionary<string, DateTimeOffset> _lastUsed = new(StringComparer.Ordinal);

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_lastUsed.Count > 0)
        {
            state.State = WithLastUsed(state.State);
            await state.WriteStateAsync(cancellationToken);
        }
    }

    public async Task<TokenCreated> CreateAsync(string name, string role, string? unit, int expiresInDays, string createdBy)
    {
        if (!ApiTokens.TryParseRole(role, out _)) throw new ArgumentException($"unknown role '{role}'", nameof(role));
        var id = NewUniqueId();
        var secret = RandomNumberGenerator.GetBytes(ApiTokens.SecretBytes);
        var text = ApiTokens.Format(id, secret);
        ApiTokens.TryParse(text, out _, out var secretText);
        var now = time.GetUtcNow();
        var stored = new StoredToken
        {
            Id = id, Name = name, Role = role, Unit = unit, SecretHash = ApiTokens.Hash(secretText),
            CreatedAt = now, ExpiresAt = now.AddDays(expiresInDays), CreatedBy = createdBy,
        };
        await state.WriteAsync(WithLastUsed(state.State with { Tokens = state.State.Tokens.Add(stored) }));
        return new TokenCreated { Token = stored.ToView(), Secret = text };
    }

    public async Task<TokenView?> RevokeAsync(string id, string revokedBy)
    {
        var index = state.State.Tokens.Select(t => t.Id).ToList().IndexOf(id);
        if (index < 0) return null;
        var token = state.State.Tokens[index];
        if (token.RevokedAt is not null) return token.ToView();
        var revoked = token with { RevokedAt = time.GetUtcNow(), RevokedBy = revokedBy };
        // Write-then-apply: a failed write leaves the token valid in memory as it is in storage, and the caller's retry
        // revokes it again.
        await state.WriteAsync(WithLastUsed(state.State with { Tokens = state.State.Tokens.SetItem(index, revoked) }));
        return revoked.ToView();
    }

    public Task<ImmutableArray<TokenView>> ListAsync() => Task.FromResult(WithLastUsed(state.State).Tokens.Select(t => t.ToView()).ToImmutableArray());

    public Task<TokenView?> ValidateAsync(string id, string secret)
    {
        var token = state.State.Tokens.FirstOrDefault(t => t.Id == id);
        var now = time.GetUtcNow();
        if (token is null || !ApiTokens.Verify(token.ToRecord(), secret, now)) return Task.FromResult<TokenView?>(null);
        _lastUsed[id] = now;
        return Task.FromResult<TokenView?>(token.ToView());
    }

    /// <summary>The state with the in-memory last uses folded in (a later use wins).</summary>
    private TokenState WithLastUsed(TokenState current) => _lastUsed.Count == 0 ? current : current with
    {
        Tokens = [.. current.Tokens.Select(t => _lastUsed.TryGetValue(t.Id, out var at) && (t.LastUsedAt is null || at > t.LastUsedAt) ? t with { LastUsedAt = at } : t)],
    };

    public Task<ImmutableArray<string>> ActiveAsync(ImmutableArray<string> ids)
    {
        var now = time.GetUtcNow();
        var wanted = ids.ToHashSet(StringComparer.Ordinal);
        return Task.FromResult(state.State.Tokens.Where(t => wanted.Contains(t.Id) && t.ToRecord().IsActiveAt(now)).Select(t => t.Id).ToImmutableArray());
    }

    public Task<TokenView?> GetActiveAsync(string id)
    {
        var token = state.State.Tokens.FirstOrDefault(t => t.Id == id);
        var now = time.GetUtcNow();
        if (token is null || !token.ToRecord().IsActiveAt(now)) return Task.FromResult<TokenView?>(null);
        // A page session's request is a use of the token behind it, as a bearer request is.
        _lastUsed[id] = now;
        return Task.FromResult<TokenView?>(token.ToView());
    }

    public Task<bool> HasActiveAdminAsync()
    {
        var now = time.GetUtcNow();
        return Task.FromResult(state.State.Tokens.Any(t => t.Role == Role.Admin.Name() && t.ToRecord().IsActiveAt(now)));
    }

    private string NewUniqueId()
    {
        while (true)
        {
            var id = ApiTokens.NewId(RandomNumberGenerator.GetBytes(ApiTokens.IdBytes));
            if (state.State.Tokens.All(t => t.Id != id)) return id;
        }
    }
}

/// <summary>Stored tokens. Ids are stable forever.</summary>
[GenerateSerializer, Alias("keji.token-state")]
public sealed record TokenState
{
    [Id(0)] public ImmutableArray<StoredToken> Tokens { get; init; } = [];
}

[GenerateSerializer, Alias("keji.stored-token")]
public sealed record StoredToken
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public required string Role { get; init; }
    [Id(3)] public string? Unit { get; init; }
    [Id(4)] public required string SecretHash { get; init; }
    [Id(5)] public DateTimeOffset CreatedAt { get; init; }
    [Id(6)] public DateTimeOffset ExpiresAt { get; init; }
    [Id(7)] public required string CreatedBy { get; init; }
    [Id(8)] public DateTimeOffset? RevokedAt { get; init; }
    [Id(9)] public string? RevokedBy { get; init; }

    /// <summary>When the token last authenticated a request (null: never, or not yet stored).</summary>
    [Id(10)] public DateTimeOffset? LastUsedAt { get; init; }

    public TokenView ToView() => new()
    {
        Id = Id, Name = Name, Role = Role, Unit = Unit, CreatedAt = CreatedAt, ExpiresAt = ExpiresAt,
        CreatedBy = CreatedBy, RevokedAt = RevokedAt, RevokedBy = RevokedBy, LastUsedAt = LastUsedAt,
    };

    public TokenRecord ToRecord()
    {
        ApiTokens.TryParseRole(Role, out var role);
        return new TokenRecord(Id, Name, role, Unit, SecretHash, CreatedAt, ExpiresAt, CreatedBy, RevokedAt, RevokedBy);
    }
}
