using System.Collections.Frozen;
using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;

namespace KejiLive.Dashboard.Observability;

/// <summary>Help text for the Orleans runtime's own instruments (meter <see cref="MeterName"/>), most of which Orleans
/// creates without a description: Prometheus then shows no <c># HELP</c> line and <c>promtool check metrics</c> reports
/// "no help text". An OpenTelemetry view adds one; it changes nothing else (name, unit, aggregation stay Orleans').
/// What a view cannot change is an instrument's unit: Orleans records latencies in milliseconds and memory in megabytes,
/// so those series keep their <c>_milliseconds</c> / <c>_megabytes</c> names (see deploy/README.md, "Metrics").</summary>
public static class OrleansMetricHelp
{
    public const string MeterName = "Microsoft.Orleans";

    private static readonly FrozenDictionary<string, string> Known = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["orleans-grains"] = "Grain activations on this silo, by grain type.",
        ["orleans-system-targets"] = "System targets (the runtime's own addressable components) on this silo, by type.",
        ["orleans-catalog-activations"] = "Grain activations held in this silo's catalog.",
        ["orleans-catalog-activation-created"] = "Grain activations created on this silo.",
        ["orleans-catalog-activation-working-set"] = "Activations in this silo's working set (recently used).",
        ["orleans-catalog-activation-latency"] = "Time to activate a grain (milliseconds, as Orleans records it).",
        ["orleans-app-requests-latency"] = "Latency of application grain calls (milliseconds, as Orleans records it).",
        ["orleans-app-requests-timedout"] = "Application grain calls that timed out.",
        ["orleans-storage-read-latency"] = "Grain state reads from storage (milliseconds, as Orleans records it).",
        ["orleans-storage-write-latency"] = "Grain state writes to storage (milliseconds, as Orleans records it).",
        ["orleans-storage-clear-latency"] = "Grain state clears in storage (milliseconds, as Orleans records it).",
        ["orleans-runtime-total-physical-memory"] = "Physical memory of the machine (megabytes, as Orleans records it).",
        ["orleans-runtime-available-memory"] = "Memory available on the machine (megabytes, as Orleans records it).",
        ["orleans-watchdog-health-checks"] = "Health checks the silo watchdog ran.",
        ["orleans-messaging-sent-local"] = "Messages delivered to a grain on this same silo without the network.",
        ["orleans-messaging-sent-header-size"] = "Bytes of message headers sent.",
        ["orleans-messaging-received-header-size"] = "Bytes of message headers received.",
        ["orleans-messaging-processing-activation-data"] = "Messages waiting in activations' queues.",
        ["orleans-directory-partition-size"] = "Grain registrations held by this silo's part of the grain directory.",
        ["orleans-directory-cache-size"] = "Entries in this silo's grain directory cache.",
        ["orleans-directory-ring-size"] = "Silos in the grain directory's ring.",
        ["orleans-directory-registration-duration"] = "Time to register an activation in the grain directory (milliseconds, as Orleans records it).",
        ["orleans-consistent-ring-size"] = "Silos in the consistent ring.",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The view: a description for an Orleans instrument that has none; null (no view, the default stream) for
    /// everything else.</summary>
    public static MetricStreamConfiguration? View(Instrument instrument) =>
        instrument.Meter.Name == MeterName && string.IsNullOrEmpty(instrument.Description)
            ? new MetricStreamConfiguration { Description = For(instrument.Name) }
            : null;

    /// <summary>The help text of <paramref name="instrument"/>: a written one for the instruments listed above, else one
    /// built from its name (Orleans names say what they count: <c>orleans-directory-lookups-full-issued</c>).</summary>
    public static string For(string instrument) =>
        Known.TryGetValue(instrument, out var help) ? help
        : $"Orleans runtime instrument {instrument} ({instrument.Replace("orleans-", "", StringComparison.Ordinal).Replace('-', ' ')}); Orleans gives it no description.";
}
