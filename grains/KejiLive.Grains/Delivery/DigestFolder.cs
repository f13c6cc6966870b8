using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using KejiLive.Grains.Abstractions.Delivery;

namespace KejiLive.Grains.Delivery;

/// <summary>Folds waiting notifications into per-unit digests when more are waiting than the rate limit lets through:
/// the unit with most foldable notifications first, until the queue fits the budget or nothing more can be folded.
/// A digest takes the place of its unit's first notification; nothing is dropped. What still does not fit waits for
/// the window to open.</summary>
public static class DigestFolder
{
    public static (ImmutableArray<OutboxEntry> Pending, ImmutableArray<OutboxEntry> Folded) Fold(
        ImmutableArray<OutboxEntry> pending, int budget, DateTimeOffset now)
    {
        if (budget <= 0 || pending.Length <= budget) return (pending, []);
        var groups = pending.Select((e, i) => (Entry: e, Index: i))
            .Where(x => x.Entry.Foldable)
            .GroupBy(x => x.Entry.Notification.Unit, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.First().Index)
            .ToList();
        var messages = pending.Length;
        var chosen = new List<List<OutboxEntry>>();
        foreach (var group in groups)
        {
            if (messages <= budget) break;
            chosen.Add([.. group.Select(x => x.Entry)]);
            messages -= group.Count() - 1;
        }
        if (chosen.Count == 0) return (pending, []);

        var digestOf = new Dictionary<string, OutboxEntry>(StringComparer.Ordinal);
        var firstOf = new Dictionary<string, OutboxEntry>(StringComparer.Ordinal);
        var folded = ImmutableArray.CreateBuilder<OutboxEntry>();
        foreach (var members in chosen)
        {
            var digest = Digest(members, now);
            firstOf[members[0].Key] = digest;
            foreach (var member in members)
            {
                digestOf[member.Key] = digest;
                folded.Add(member with { State = OutboxEntryState.Folded, FoldedInto = digest.Key, SentAt = null });
            }
        }
        var result = ImmutableArray.CreateBuilder<OutboxEntry>(messages);
        foreach (var entry in pending)
        {
            if (firstOf.TryGetValue(entry.Key, out var digest)) result.Add(digest);
            else if (!digestOf.ContainsKey(entry.Key)) result.Add(entry);
        }
        return (result.ToImmutable(), folded.ToImmutable());
    }

    /// <summary>One digest entry carrying <paramref name="members"/>; its key is derived from theirs, so the same
    /// fold always has the same key.</summary>
    public static OutboxEntry Digest(IReadOnlyList<OutboxEntry> members, DateTimeOffset now)
    {
        var first = members[0].Notification;
        var notifications = members.Select(m => m.Notification with { ImagePng = null }).ToImmutableArray();
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', members.Select(m => m.Key)))))[..16];
        var who = first.UnitName.Length > 0 ? first.UnitName : first.Unit.Length > 0 ? first.Unit : "全市";
        var title = $"{who}督办消息汇总（{members.Count} 条）";
        var notification = new Notification
        {
            IdempotencyKey = $"digest:{(first.Unit.Length > 0 ? first.Unit : "city")}:{hash}",
            ContactPointId = first.ContactPointId,
            Kind = NotificationKind.Digest,
            Unit = first.Unit,
            UnitName = first.UnitName,
            Title = title,
            Markdown = Markdown(title, notifications),
            AlertIds = [.. notifications.SelectMany(n => n.AlertIds).Distinct(StringComparer.Ordinal)],
            Link = notifications.Select(n => n.Link).Distinct().Count() == 1 ? first.Link : null,
            CreatedAt = now,
        };
        return new OutboxEntry
        {
            Notification = notification,
            Members = notifications,
            State = OutboxEntryState.Pending,
            EnqueuedAt = members.Min(m => m.EnqueuedAt),
        };
    }

    /// <summary>The digest text: a heading, a note on why, then one line per notification (title and link), so even
    /// a large fold stays within a robot's byte limit; the full texts stay on the linked pages and in the webhook.</summary>
    public static string Markdown(string title, IReadOnlyList<Notification> members)
    {
        var text = new StringBuilder($"### {title}\n> 消息较多，按机器人发送频率限制合并为一条。\n");
        for (var i = 0; i < members.Count; i++)
        {
            var n = members[i];
            text.Append($"\n{i + 1}. **{n.Title}**");
            if (!string.IsNullOrWhiteSpace(n.Link)) text.Append($" [详情]({n.Link})");
        }
        return text.ToString();
    }
}
