using System.Net;
using System.Text;
using KejiLive.Domain.Progress;

namespace KejiLive.Reports;

/// <summary>Small HTML helpers. Every piece of text goes through <see cref="E"/>: plan names and, above all, what units
/// typed (notes, remedies) can never become markup.</summary>
internal static class Html
{
    /// <summary>Encodes &lt; &gt; &amp; " ' but leaves Chinese and signs such as + readable.</summary>
    public static string E(string? text) => text is null ? "" : WebUtility.HtmlEncode(text);

    public static string Class(Light light) => light.ToString().ToLowerInvariant();

    public static string LightCell(Light light) =>
        $"<td class=\"c {Class(light)}\"><span class=\"dot\"></span>{ChineseFormat.Light(light)}</td>";

    /// <summary>A light with, when given, the sentence that says why it differs from what its 较序时 suggests.</summary>
    public static string LightCell(Light light, string? why) => string.IsNullOrWhiteSpace(why)
        ? LightCell(light)
        : $"<td class=\"c {Class(light)}\"><span class=\"dot\"></span>{ChineseFormat.Light(light)}<div class=\"why\">{E(why)}</div></td>";

    public static string Num(string text, bool negative = false) => $"<td class=\"num{(negative ? " neg" : "")}\">{E(text)}</td>";

    public static string Cell(string? text, string? cls = null) => cls is null ? $"<td>{E(text)}</td>" : $"<td class=\"{cls}\">{E(text)}</td>";

    /// <summary>A cell of text followed by a small 待核实 tag when the row's figure awaits the city office's confirmation.</summary>
    public static string CellWithReview(string? text, bool awaitingReview) => awaitingReview
        ? $"<td>{E(text)} <span class=\"review\">{E(DataQuality.AwaitingReviewLabel)}</span></td>"
        : Cell(text);

    public static void Head(StringBuilder sb, params string[] columns)
    {
        sb.Append("<thead><tr>");
        foreach (var c in columns) sb.Append("<th>").Append(E(c)).Append("</th>");
        sb.Append("</tr></thead>");
    }

    public static void Figure(StringBuilder sb, string url, string alt, bool wide = false) =>
        sb.Append(wide ? "<figure class=\"wide\"><img src=\"" : "<figure><img src=\"").Append(E(url)).Append("\" alt=\"").Append(E(alt)).Append("\"></figure>");
}
