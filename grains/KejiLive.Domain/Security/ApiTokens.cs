using System.Security.Cryptography;
using System.Text;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;

namespace KejiLive.Domain.Security;

/// <summary>What a token may do. Read is every role's; writes depend on the role and, for a unit reporter, on the unit.</summary>
public enum Role
{
    /// <summary>Plan, users (tokens), silences; may also report and answer for any unit (imports, corrections by the office).</summary>
    Admin,

    /// <summary>分管领导 / 市科技局: sees everything, closes 督办, confirms 待核实 reports, reads the audit.</summary>
    Leader,

    /// <summary>A responsible unit's reporter: reports and answers 督办 for its own unit only.</summary>
    Unit,

    /// <summary>Read-only: a wall display or an observer.</summary>
    Viewer,
}

/// <summary>A token as stored: never the secret itself, only its SHA-256 (the secret is 32 random bytes, so a fast hash
/// is enough; there is nothing to guess).</summary>
public sealed record TokenRecord(
    string Id,
    string Name,
    Role Role,
    string? Unit,
    string SecretHash,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    string CreatedBy,
    DateTimeOffset? RevokedAt = null,
    string? RevokedBy = null)
{
    /// <summary>Usable at <paramref name="now"/>: not revoked and not expired.</summary>
    public bool IsActiveAt(DateTimeOffset now) => RevokedAt is null && now < ExpiresAt;
}

/// <summary>API tokens: <c>kl_&lt;id&gt;_&lt;secret&gt;</c>, where the id (12 hex digits) finds the record and the secret
/// (43 base64url characters) proves it. Pure: randomness comes in as bytes.</summary>
public static class ApiTokens
{
    public const string Prefix = "kl_";
    public const int SecretBytes = 32;
    public const int IdBytes = 6;
    public const int MaxNameLength = 100;
    public const int MaxDays = 366;
    public const int DefaultDays = 90;

    /// <summary>The token text for an id and secret bytes.</summary>
    public static string Format(string id, ReadOnlySpan<byte> secret) => Prefix + id + "_" + Base64Url(secret);

    /// <summary>An id from random bytes: lowercase hex.</summary>
    public static string NewId(ReadOnlySpan<byte> random) => Convert.ToHexStringLower(random);

    /// <summary>Splits a presented token into its id and secret text; false for anything not of the shape.</summary>
    public static bool TryParse(string? token, out string id, out string secret)
    {
        id = secret = "";
        if (token is null || token.Length > 200 || !token.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var rest = token.AsSpan(Prefix.Length);
        var sep = rest.IndexOf('_');
        if (sep != IdBytes * 2 || rest.Length - sep - 1 < 40) return false;
        foreach (var c in rest[..sep]) if (!char.IsAsciiHexDigitLower(c)) return false;
        foreach (var c in rest[(sep + 1)..]) if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')) return false;
        id = rest[..sep].ToString();
        secret = rest[(sep + 1)..].ToString();
        return true;
    }

    /// <summary>SHA-256 of a secret (or of a configured admin token), lowercase hex.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Whether <paramref name="secret"/> is the one <paramref name="record"/> was made with, compared in
    /// constant time, and the token is active at <paramref name="now"/>.</summary>
    public static bool Verify(TokenRecord record, string secret, DateTimeOffset now) =>
        record.IsActiveAt(now) && FixedEquals(record.SecretHash, Hash(secret));

    /// <summary>Constant-time comparison of two hashes in hex.</summary>
    public static bool FixedEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));

    public static bool TryParseRole(string? text, out Role role)
    {
        role = default;
        return text switch
        {
            "admin" => Set(Role.Admin, out role),
            "leader" => Set(Role.Leader, out role),
            "unit" => Set(Role.Unit, out role),
            "viewer" => Set(Role.Viewer, out role),
            _ => false,
        };
    }

    public static string Name(this Role role) => role switch
    {
        Role.Admin => "admin",
        Role.Leader => "leader",
        Role.Unit => "unit",
        Role.Viewer => "viewer",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    /// <summary>Checks a request for a new token: a name, a known role, a unit exactly when the role is unit, and a
    /// lifetime of 1 to 366 days.</summary>
    public static IReadOnlyList<FieldError> Validate(PlanDocument plan, string? name, string? role, string? unit, int? days)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(name)) errors.Add(new FieldError("name", "缺少 name（持有人或设备名称）。"));
        else if (name.Length > MaxNameLength) errors.Add(new FieldError("name", $"name 最长 {MaxNameLength} 个字符。"));
        else if (name.Any(char.IsControl)) errors.Add(new FieldError("name", "name 不得包含控制字符。"));
        if (!TryParseRole(role, out var parsed))
        {
            errors.Add(new FieldError("role", "role 须为 admin | leader | unit | viewer。"));
        }
        else if (parsed == Role.Unit)
        {
            if (string.IsNullOrEmpty(unit)) errors.Add(new FieldError("unit", "role 为 unit 时须给出 unit（单位编号）。"));
            else if (plan.FindUnit(unit) is null) errors.Add(new FieldError("unit", $"没有单位 {unit}。"));
        }
        else if (unit is not null)
        {
            errors.Add(new FieldError("unit", "只有 role 为 unit 的令牌才绑定单位。"));
        }
        if (days is null or < 1 or > MaxDays)
        {
            errors.Add(new FieldError("expiresInDays", $"expiresInDays 须为 1 到 {MaxDays} 之间的整数天数。"));
        }
        return errors;
    }

    private static bool Set(Role value, out Role role)
    {
        role = value;
        return true;
    }

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
