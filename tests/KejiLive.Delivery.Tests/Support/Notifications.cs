using KejiLive.Grains.Abstractions.Delivery;

namespace KejiLive.Delivery.Tests.Support;

/// <summary>Notifications as the alert grains would write them.</summary>
internal static class Notifications
{
    public static Notification Opened(string key, string unit = "360702", string unitName = "章贡区", string target = "hitech-firms",
        byte[]? image = null, DateTimeOffset? at = null) => new()
    {
        IdempotencyKey = key,
        Kind = NotificationKind.AlertOpened,
        Unit = unit,
        UnitName = unitName,
        Target = target,
        Title = $"【督办】{unitName} 新认定高新技术企业 落后序时进度 12.5 个百分点（{key}）",
        Markdown = $"**{unitName}** 新认定高新技术企业：完成 8 家，应完成 20 家。\n> 较序时 <font color=\"warning\">-12.5pp</font>，黄灯\n请于 3 个工作日内反馈整改措施。",
        ImagePng = image,
        AlertIds = [$"alert-{key}"],
        Link = $"https://keji.example.cn/alerts/{key}",
        CreatedAt = at ?? new DateTimeOffset(2025, 7, 1, 9, 0, 0, TimeSpan.FromHours(8)),
    };

    /// <summary>A small valid PNG (1×1, red).</summary>
    public static byte[] Png() => Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==");
}
