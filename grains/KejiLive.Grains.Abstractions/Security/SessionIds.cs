using System.Security.Cryptography;
using System.Text;

namespace KejiLive.Grains.Abstractions.Security;

/// <summary>Session ids: 32 random bytes in base64url (the cookie's value), found by their SHA-256 (the grain key).</summary>
public static class SessionIds
{
    public const int Bytes = 32;

    /// <summary>A new random session id.</summary>
    public static string New() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(Bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Whether <paramref name="text"/> has the shape of a session id (43 base64url characters).</summary>
    public static bool IsWellFormed(string? text) =>
        text is { Length: 43 } && text.All(c => c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_');

    /// <summary>The <see cref="ISessionGrain"/> key of a session id: its SHA-256 in lowercase hex.</summary>
    public static string Key(string sessionId) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sessionId)));
}
