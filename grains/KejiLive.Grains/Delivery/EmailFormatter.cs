using System.Text;
using MimeKit;
using MimeKit.Utils;

namespace KejiLive.Grains.Delivery;

/// <summary>Builds the e-mail for a message: subject = title, plain text and simple HTML alternatives, the chart as an
/// inline PNG, the idempotency key as Message-Id (receivers and mail stores drop repeats) and as a header.</summary>
public static class EmailFormatter
{
    public static MimeMessage Build(ContactPoint point, OutgoingMessage message)
    {
        var n = message.Notification;
        var mail = new MimeMessage { Subject = n.Title };
        // Every notification is stamped by the plan clock when it is made; MimeKit's own default covers one that is not.
        if (n.CreatedAt != default) mail.Date = n.CreatedAt;
        mail.From.Add(MailboxAddress.Parse(point.From ?? throw new InvalidOperationException($"Contact point '{point.Id}' has no From.")));
        foreach (var to in Recipients(point.To)) mail.To.Add(MailboxAddress.Parse(to));
        mail.MessageId = MessageId(n.IdempotencyKey);
        mail.Headers.Add("Idempotency-Key", n.IdempotencyKey);

        var text = new StringBuilder(n.Markdown.Trim());
        if (!string.IsNullOrWhiteSpace(n.Link)) text.Append($"\n\n查看详情：{n.Link}");
        text.Append($"\n\n编号 {n.IdempotencyKey}\n");
        var body = new BodyBuilder { TextBody = text.ToString() };
        var html = new StringBuilder(SimpleHtml.FromMarkdown(n.Markdown));
        if (n.ImagePng is { } png)
        {
            var image = body.LinkedResources.Add("chart.png", png, new ContentType("image", "png"));
            image.ContentId = MimeUtils.GenerateMessageId();
            html.Append($"<p><img src=\"cid:{image.ContentId}\" alt=\"图表\"></p>\n");
        }
        if (!string.IsNullOrWhiteSpace(n.Link)) html.Append($"<p><a href=\"{System.Net.WebUtility.HtmlEncode(n.Link)}\">查看详情</a></p>\n");
        html.Append($"<p style=\"color:#888\">编号 {System.Net.WebUtility.HtmlEncode(n.IdempotencyKey)}</p>\n");
        body.HtmlBody = html.ToString();
        mail.Body = body.ToMessageBody();
        return mail;
    }

    public static IEnumerable<string> Recipients(string? to) =>
        (to ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>A Message-Id derived from the key: the same key gives the same id.</summary>
    public static string MessageId(string key)
    {
        var safe = new string([.. key.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '-')]);
        return $"{safe}.{AlertmanagerPayload.Fingerprint(key)}@kejilive";
    }
}
