namespace KejiLive.Dashboard.Security;

/// <summary>The <c>Auth</c> configuration section.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>A first admin token for automation (any text of 32+ characters). Kept in memory as a hash only.
    /// Without it, the first start prints a one-time admin token.</summary>
    public string? AdminToken { get; set; }

    /// <summary>Lets anyone on this machine (loopback) read without a token; writes still need one. Set by <c>--demo</c>.</summary>
    public bool OpenReadingOnLoopback { get; set; }

    /// <summary>How long a page session lasts after signing in (never longer than its token). Signing out or revoking
    /// the token ends it sooner.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Requests per minute per token (per address without one), as a token bucket of the same size.</summary>
    public int PermitsPerMinute { get; set; } = 600;

    /// <summary>JWT bearer from an OIDC provider, off unless <see cref="JwtOptions.Authority"/> is set.</summary>
    public JwtOptions Jwt { get; set; } = new();

    public sealed class JwtOptions
    {
        /// <summary>The issuer's URL; its <c>/.well-known/openid-configuration</c> gives the signing keys.</summary>
        public string? Authority { get; set; }

        public string? Audience { get; set; }

        /// <summary>The claim carrying admin | leader | unit | viewer.</summary>
        public string RoleClaim { get; set; } = "keji_role";

        /// <summary>The claim carrying the unit id of a unit reporter.</summary>
        public string UnitClaim { get; set; } = "keji_unit";

        /// <summary>Only for an issuer on this machine in tests; leave true in production.</summary>
        public bool RequireHttpsMetadata { get; set; } = true;
    }
}
