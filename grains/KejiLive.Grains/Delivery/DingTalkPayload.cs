using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace KejiLive.Grains.Delivery;

/// <summary>DingTalk (钉钉) custom robot payloads: POST to …/robot/send?access_token=…, with
/// <c>&amp;timestamp=T&amp;sign=S</c> when the robot is signed, where T is milliseconds since the epoch and S is
/// urlencode(base64(HMAC-SHA256(key: secret, message: T + "\n" + secret))), UTF-8. Answered with
/// <c>{"errcode":0,"errmsg":"ok"}</c>; 20 messages a minute per robot (errcode 130101, "send too fast").</summary>
public static class DingTalkPayload
{
    public const int RateLimited = 130101;
    public const int SystemBusy = -1;

    public static string Markdown(string title, string text) => WeComPayload.Write(w =>
    {
        w.WriteString("msgtype", "markdown");
        w.WriteStartObject("markdown");
        w.WriteString("title", title);
        w.WriteString("text", text);
        w.WriteEndObject();
    });

    /// <summary>The signature, base64 (not yet URL-encoded).</summary>
    public static string Sign(string secret, long timestampMs)
    {
        var key = Encoding.UTF8.GetBytes(secret);
        var message = Encoding.UTF8.GetBytes(timestampMs.ToString(CultureInfo.InvariantCulture) + "\n" + secret);
        return Convert.ToBase64String(HMACSHA256.HashData(key, message));
    }

    /// <summary>The robot URL with timestamp and the URL-encoded sign appended; unchanged without a secret.</summary>
    public static string SignedUrl(string url, string? secret, long timestampMs)
    {
        if (string.IsNullOrEmpty(secret)) return url;
        var separator = url.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return $"{url}{separator}timestamp={timestampMs.ToString(CultureInfo.InvariantCulture)}&sign={Uri.EscapeDataString(Sign(secret, timestampMs))}";
    }
}
