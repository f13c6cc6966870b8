using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using KejiLive.Grains.Abstractions.Delivery;

namespace KejiLive.Grains.Delivery;

/// <summary>The generic webhook body, in Prometheus Alertmanager's webhook format (version "4": receiver, status,
/// alerts[status, labels, annotations, startsAt, endsAt, generatorURL, fingerprint], groupLabels, commonLabels,
/// commonAnnotations, externalURL, version, groupKey, truncatedAlerts), so existing receivers work. One alert per
/// alert id of each carried notification; the idempotency key is in the labels and the groupKey (and the
/// Idempotency-Key header the sender adds).</summary>
public static class AlertmanagerPayload
{
    public const string ZeroTime = "0001-01-01T00:00:00Z";

    public static string Build(string receiver, OutgoingMessage message, string externalUrl)
    {
        var key = message.Notification.IdempotencyKey;
        var alerts = message.Carried.SelectMany(n => AlertsOf(receiver, n, key)).ToList();
        var common = Common(alerts.Select(a => a.Labels));
        var commonAnnotations = Common(alerts.Select(a => a.Annotations));
        var groupLabels = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["idempotency_key"] = key };
        if (message.Notification.Unit.Length > 0) groupLabels["unit"] = message.Notification.Unit;
        return WeComPayload.Write(w =>
        {
            w.WriteString("receiver", receiver);
            w.WriteString("status", alerts.Any(a => a.Status == "firing") ? "firing" : "resolved");
            w.WriteStartArray("alerts");
            foreach (var alert in alerts)
            {
                w.WriteStartObject();
                w.WriteString("status", alert.Status);
                WriteMap(w, "labels", alert.Labels);
                WriteMap(w, "annotations", alert.Annotations);
                w.WriteString("startsAt", alert.StartsAt);
                w.WriteString("endsAt", alert.EndsAt);
                w.WriteString("generatorURL", alert.GeneratorUrl);
                w.WriteString("fingerprint", alert.Fingerprint);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            WriteMap(w, "groupLabels", groupLabels);
            WriteMap(w, "commonLabels", common);
            WriteMap(w, "commonAnnotations", commonAnnotations);
            w.WriteString("externalURL", externalUrl);
            w.WriteString("version", "4");
            w.WriteString("groupKey", GroupKey(groupLabels));
            w.WriteNumber("truncatedAlerts", 0);
        });
    }

    /// <summary>Alertmanager's form: <c>{}:{label="value", …}</c>.</summary>
    public static string GroupKey(IReadOnlyDictionary<string, string> groupLabels) =>
        "{}:{" + string.Join(", ", groupLabels.Select(p => $"{p.Key}=\"{p.Value.Replace("\"", "\\\"", StringComparison.Ordinal)}\"")) + "}";

    /// <summary>16 hex digits of SHA-256 of the alert id, stable across messages about the same alert.</summary>
    public static string Fingerprint(string alertId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(alertId)))[..16];

    public static string Rfc3339(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static IEnumerable<Alert> AlertsOf(string receiver, Notification n, string messageKey)
    {
        var ids = n.AlertIds.IsDefaultOrEmpty ? [n.IdempotencyKey] : n.AlertIds.ToArray();
        var status = NotificationKindNames.AlertStatus(n.Kind);
        foreach (var id in ids)
        {
            var labels = new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["alertname"] = "KejiLiveAlert",
                ["alert_id"] = id,
                ["kind"] = NotificationKindNames.ToWire(n.Kind),
                ["contact_point"] = receiver,
                ["idempotency_key"] = messageKey,
                ["notification_key"] = n.IdempotencyKey,
            };
            if (n.Unit.Length > 0) labels["unit"] = n.Unit;
            if (n.UnitName.Length > 0) labels["unit_name"] = n.UnitName;
            if (!string.IsNullOrEmpty(n.Target)) labels["target"] = n.Target;
            var annotations = new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["summary"] = n.Title,
                ["description"] = n.Markdown,
            };
            if (!string.IsNullOrEmpty(n.Link)) annotations["link"] = n.Link;
            yield return new Alert(status, labels, annotations, Rfc3339(n.CreatedAt),
                status == "resolved" ? Rfc3339(n.CreatedAt) : ZeroTime, n.Link ?? "", Fingerprint(id));
        }
    }

    private static SortedDictionary<string, string> Common(IEnumerable<SortedDictionary<string, string>> maps)
    {
        SortedDictionary<string, string>? common = null;
        foreach (var map in maps)
        {
            if (common is null)
            {
                common = new SortedDictionary<string, string>(map, StringComparer.Ordinal);
                continue;
            }
            foreach (var key in common.Keys.ToList())
            {
                if (!map.TryGetValue(key, out var value) || value != common[key]) common.Remove(key);
            }
        }
        return common ?? new SortedDictionary<string, string>(StringComparer.Ordinal);
    }

    private static void WriteMap(Utf8JsonWriter w, string name, IEnumerable<KeyValuePair<string, string>> map)
    {
        w.WriteStartObject(name);
        foreach (var (key, value) in map) w.WriteString(key, value);
        w.WriteEndObject();
    }

    private sealed record Alert(string Status, SortedDictionary<string, string> Labels, SortedDictionary<string, string> Annotations,
        string StartsAt, string EndsAt, string GeneratorUrl, string Fingerprint);
}
