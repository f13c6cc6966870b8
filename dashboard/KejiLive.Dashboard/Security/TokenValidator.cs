using System.Security.Claims;
using KejiLive.Domain.Security;
using KejiLive.Grains.Abstractions.Security;

namespace KejiLive.Dashboard.Security;

/// <summary>Checks a KejiLive token: the configured admin token, or a stored one (asked of the token grain every time,
/// so a revoked token stops working at once).</summary>
public sealed class TokenValidator(IGrainFactory grains, AdminTokenHash admin)
{
    /// <summary>The principal and when the token expires (null for the configured admin token), or null when the token
    /// is unknown, revoked, expired or not a KejiLive token at all.</summary>
    public async Task<(ClaimsPrincipal Principal, DateTimeOffset? Expires)?> ValidateAsync(string token)
    {
        if (admin.Matches(token))
        {
            return (KejiAuth.Principal(KejiAuth.ConfigAdminName, Role.Admin, null, KejiAuth.ConfigTokenId, KejiAuth.TokenScheme), null);
        }
        if (!ApiTokens.TryParse(token, out var id, out var secret)) return null;
        var view = await grains.GetGrain<ITokenGrain>(ITokenGrain.Key).ValidateAsync(id, secret);
        if (view is null || !ApiTokens.TryParseRole(view.Role, out var role)) return null;
        return (KejiAuth.Principal(view.Name, role, view.Unit, view.Id, KejiAuth.TokenScheme), view.ExpiresAt);
    }
}
