using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace KejiLive.Grains.Delivery;

/// <summary>The small markdown subset the notifications use, as simple HTML for e-mail: headings, quotes, list items,
/// bold, links; everything else is escaped text in paragraphs.</summary>
public static partial class SimpleHtml
{
    public static string FromMarkdown(string markdown)
    {
        var html = new StringBuilder();
        foreach (var raw in markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0) continue;
            if (Heading().Match(line) is { Success: true } heading)
            {
                html.Append($"<h3>{Inline(heading.Groups[1].Value)}</h3>\n");
            }
            else if (line.StartsWith('>'))
            {
                html.Append($"<blockquote>{Inline(line[1..].Trim())}</blockquote>\n");
            }
            else if (line.StartsWith("- ", StringComparison.Ordinal) || line.StartsWith("* ", StringComparison.Ordinal))
            {
                html.Append($"<p>• {Inline(line[2..])}</p>\n");
            }
            else
            {
                html.Append($"<p>{Inline(line)}</p>\n");
            }
        }
        return html.ToString();
    }

    private static string Inline(string text)
    {
        var escaped = WebUtility.HtmlEncode(FontTag().Replace(text, "$1"));
        escaped = Bold().Replace(escaped, "<b>$1</b>");
        return Link().Replace(escaped, m => $"<a href=\"{m.Groups[2].Value}\">{m.Groups[1].Value}</a>");
    }

    [GeneratedRegex(@"^#{1,6}\s+(.*)$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"<font[^>]*>(.*?)</font>")]
    private static partial Regex FontTag();

    [GeneratedRegex(@"\*\*(.+?)\*\*")]
    private static partial Regex Bold();

    [GeneratedRegex(@"\[([^\]]+)\]\((https?://[^)\s]+)\)")]
    private static partial Regex Link();
}
