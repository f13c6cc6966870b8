using System.Text;
using KejiLive.Grains.Abstractions.Delivery;

namespace KejiLive.Grains.Delivery;

/// <summary>The markdown a chat robot shows: the caller's text (with the title as a heading if the text has none), the
/// link, and a short trace line carrying the idempotency key, cut to the robot's byte limit without losing the link or
/// the trace line.</summary>
public static class RobotMarkdown
{
    public const string TruncatedNote = "\n……（内容过长，已截断，详见链接）";

    /// <param name="wecom">WeCom renders <c>&lt;font color="comment"&gt;</c>; DingTalk gets a quote line instead.</param>
    public static string Compose(Notification n, bool wecom, int maxBytes)
    {
        var body = n.Markdown.TrimStart().StartsWith('#') || string.IsNullOrWhiteSpace(n.Title)
            ? n.Markdown.Trim()
            : $"### {n.Title}\n{n.Markdown.Trim()}".TrimEnd();
        var tail = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(n.Link)) tail.Append($"\n\n[查看详情]({n.Link})");
        tail.Append(wecom ? $"\n\n<font color=\"comment\">编号 {n.IdempotencyKey}</font>" : $"\n\n> 编号 {n.IdempotencyKey}");
        return FitBytes(body, tail.ToString(), maxBytes);
    }

    /// <summary>body + tail, with body cut (at a character boundary, marked) so the whole fits in maxBytes of UTF-8.</summary>
    public static string FitBytes(string body, string tail, int maxBytes)
    {
        var tailBytes = Encoding.UTF8.GetByteCount(tail);
        if (Encoding.UTF8.GetByteCount(body) + tailBytes <= maxBytes) return body + tail;
        var room = maxBytes - tailBytes - Encoding.UTF8.GetByteCount(TruncatedNote);
        if (room <= 0) return TrimToBytes(body + tail, maxBytes);
        return TrimToBytes(body, room) + TruncatedNote + tail;
    }

    /// <summary>The longest prefix of <paramref name="text"/> within <paramref name="maxBytes"/> UTF-8 bytes that does
    /// not split a surrogate pair.</summary>
    public static string TrimToBytes(string text, int maxBytes)
    {
        var bytes = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var width = char.IsHighSurrogate(text[i]) && i + 1 < text.Length ? 2 : 1;
            var count = Encoding.UTF8.GetByteCount(text.AsSpan(i, width));
            if (bytes + count > maxBytes) return text[..i];
            bytes += count;
            i += width - 1;
        }
        return text;
    }
}
