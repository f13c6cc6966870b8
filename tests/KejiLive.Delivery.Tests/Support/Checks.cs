using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace KejiLive.Delivery.Tests.Support;

/// <summary>What the real services check, written here independently of the code under test: WeCom's key, message
/// types, 4096-byte markdown and base64 + md5 images; DingTalk's access token, timestamp and HMAC-SHA256 signature;
/// Alertmanager's version-4 fields.</summary>
internal static class Checks
{
    public static Func<HttpRequest, string, string?> WeCom(string key) => (request, body) =>
    {
        if (request.Path != "/cgi-bin/webhook/send") return "wrong path";
        if (request.Query["key"] != key) return "invalid webhook url";
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        switch (root.GetProperty("msgtype").GetString())
        {
            case "markdown":
                var content = root.GetProperty("markdown").GetProperty("content").GetString() ?? "";
                return content.Length == 0 ? "empty content" : Encoding.UTF8.GetByteCount(content) > 4096 ? "content exceed max length" : null;
            case "image":
                var image = root.GetProperty("image");
                var bytes = Convert.FromBase64String(image.GetProperty("base64").GetString()!);
                if (bytes.Length > 2 * 1024 * 1024) return "image too large";
                var md5 = Convert.ToHexString(MD5.HashData(bytes)).ToLowerInvariant();
                return image.GetProperty("md5").GetString() == md5 ? null : "invalid image md5";
            default:
                return "invalid message type";
        }
    };

    public static Func<HttpRequest, string, string?> DingTalk(string token, string secret, TimeProvider time) => (request, body) =>
    {
        if (request.Path != "/robot/send") return "wrong path";
        if (request.Query["access_token"] != token) return "token is not exist";
        if (!long.TryParse(request.Query["timestamp"], out var timestamp)) return "timestamp missing";
        if (Math.Abs(time.GetUtcNow().ToUnixTimeMilliseconds() - timestamp) > 3_600_000) return "timestamp out of range";
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        var expected = Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes($"{timestamp}\n{secret}")));
        if (request.Query["sign"] != expected) return "sign not match";
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        if (root.GetProperty("msgtype").GetString() != "markdown") return "invalid message type";
        var markdown = root.GetProperty("markdown");
        return string.IsNullOrEmpty(markdown.GetProperty("title").GetString()) || string.IsNullOrEmpty(markdown.GetProperty("text").GetString())
            ? "markdown needs title and text" : null;
    };

    public static Func<HttpRequest, string, string?> Alertmanager() => (request, body) =>
    {
        if (request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) != true) return "not json";
        if (string.IsNullOrEmpty(request.Headers["Idempotency-Key"])) return "no Idempotency-Key";
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        string[] top = ["receiver", "status", "alerts", "groupLabels", "commonLabels", "commonAnnotations", "externalURL", "version", "groupKey", "truncatedAlerts"];
        if (top.FirstOrDefault(f => !root.TryGetProperty(f, out _)) is { } missing) return $"missing {missing}";
        if (root.GetProperty("version").GetString() != "4") return "version is not 4";
        string[] fields = ["status", "labels", "annotations", "startsAt", "endsAt", "generatorURL", "fingerprint"];
        foreach (var alert in root.GetProperty("alerts").EnumerateArray())
        {
            if (fields.FirstOrDefault(f => !alert.TryGetProperty(f, out _)) is { } absent) return $"alert missing {absent}";
            if (!DateTimeOffset.TryParse(alert.GetProperty("startsAt").GetString(), out _)) return "bad startsAt";
        }
        return null;
    };
}
