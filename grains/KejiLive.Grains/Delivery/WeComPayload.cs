using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace KejiLive.Grains.Delivery;

/// <summary>WeCom (企业微信) group robot payloads: POST to the robot's webhook URL (…/cgi-bin/webhook/send?key=…),
/// answered with <c>{"errcode":0,"errmsg":"ok"}</c>. Markdown content at most 4096 bytes; an image as base64 with the
/// md5 (lowercase hex) of the raw bytes, at most 2 MB, JPG or PNG; 20 messages a minute per robot (errcode 45009).</summary>
public static class WeComPayload
{
    public const int MaxImageBytes = 2 * 1024 * 1024;
    public const int MaxMarkdownBytes = 4096;

    /// <summary>"api freq out of limit".</summary>
    public const int RateLimited = 45009;

    /// <summary>"system busy".</summary>
    public const int SystemBusy = -1;

    internal static readonly JsonWriterOptions Writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Markdown(string content) => Write(w =>
    {
        w.WriteString("msgtype", "markdown");
        w.WriteStartObject("markdown");
        w.WriteString("content", content);
        w.WriteEndObject();
    });

    public static string Image(byte[] image)
    {
        if (image.Length > MaxImageBytes) throw new ArgumentException($"WeCom images are at most 2 MB; this one is {image.Length} bytes.", nameof(image));
        return Write(w =>
        {
            w.WriteString("msgtype", "image");
            w.WriteStartObject("image");
            w.WriteString("base64", Convert.ToBase64String(image));
            w.WriteString("md5", Md5Hex(image));
            w.WriteEndObject();
        });
    }

    /// <summary>md5 of the raw (not base64) bytes, lowercase hex.</summary>
    public static string Md5Hex(byte[] data) => Convert.ToHexStringLower(MD5.HashData(data));

    internal static string Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Writer))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
