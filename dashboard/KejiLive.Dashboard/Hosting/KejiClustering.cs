using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using StackExchange.Redis;

namespace KejiLive.Dashboard.Hosting;

/// <summary>Which cluster a process belongs to. Without <c>Orleans:Clustering:ProviderType</c>: the embedded default, one
/// silo on this machine (localhost clustering). With <c>ProviderType=Redis</c>: Orleans' Redis membership (and
/// reminders when <c>Orleans:Reminders:ProviderType=Redis</c>), configured by Orleans itself from those sections;
/// <c>ConnectionName</c> defaults to <c>redis</c> (read from <c>ConnectionStrings:redis</c>), <c>Orleans:ClusterId</c>
/// and <c>Orleans:ServiceId</c> to <c>kejilive</c>. Redis is checked at start, so an unreachable or malformed address is
/// one clear line instead of a host that hangs.</summary>
public sealed record KejiClustering(string? ProviderType, string? RedisEndpoints, string ClusterId, string ServiceId)
{
    public const string ClusteringSection = "Orleans:Clustering";
    public const string RemindersSection = "Orleans:Reminders";
    public const string DefaultConnectionName = "redis";
    public const string DefaultId = "kejilive";

    /// <summary>How often a web node re-reads the cluster's gateways (Orleans' default is a minute).</summary>
    public static readonly TimeSpan GatewayListRefresh = TimeSpan.FromSeconds(5);

    /// <summary>How long the start-up check waits for Redis.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(10);

    /// <summary>True when the process joins a cluster through a membership provider (not localhost clustering).</summary>
    public bool IsCluster => ProviderType is not null;

    /// <summary>Reads the clustering settings, fills in the defaults Orleans needs (<c>ConnectionName</c>) and, for a
    /// cluster, checks that Redis answers.</summary>
    /// <exception cref="KejiStartupException">An unknown provider, no connection string, or Redis does not answer.</exception>
    public static KejiClustering Configure(IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var clusterId = configuration["Orleans:ClusterId"] is { Length: > 0 } c ? c : DefaultId;
        var serviceId = configuration["Orleans:ServiceId"] is { Length: > 0 } s ? s : DefaultId;
        var clustering = ProviderOf(configuration, ClusteringSection);
        var reminders = ProviderOf(configuration, RemindersSection);
        if (clustering is null)
        {
            if (reminders is not null)
            {
                throw new KejiStartupException($"{RemindersSection}:ProviderType is {reminders} but {ClusteringSection}:ProviderType is not set; a cluster sets both (Redis), one machine neither.");
            }
            return new KejiClustering(null, null, clusterId, serviceId);
        }
        var endpoints = PrepareRedis(configuration, ClusteringSection);
        if (reminders is not null) PrepareRedis(configuration, RemindersSection);
        Probe(endpoints);
        return new KejiClustering(clustering, endpoints, clusterId, serviceId);
    }

    /// <summary>The configuration an Orleans client (a web node) reads: everything but <c>Orleans:Reminders</c>. A client
    /// hosts no reminders, and Orleans' client registry knows no reminder provider, so a web node given the silos'
    /// settings (one environment file for the whole cluster) would crash at start with "Could not find Reminders provider
    /// named 'Redis'". A snapshot: the client is configured once, at start.</summary>
    public static IConfiguration ForClient(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var prefix = RemindersSection + ":";
        var kept = configuration.AsEnumerable()
            .Where(kv => kv.Value is not null
                && !string.Equals(kv.Key, RemindersSection, StringComparison.OrdinalIgnoreCase)
                && !kv.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
        return new ConfigurationBuilder().AddInMemoryCollection(kept).Build();
    }

    /// <summary>Applies the cluster's ids (all silos and web nodes of one KejiLive share them).</summary>
    public void Apply(ClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ClusterId = ClusterId;
        options.ServiceId = ServiceId;
    }

    private static string? ProviderOf(IConfiguration configuration, string section)
    {
        if (configuration[section] is { Length: > 0 } scalar)
        {
            throw new KejiStartupException($"{section} is a section, not a value (got '{scalar}'): set {section}:ProviderType=Redis (environment {section.Replace(":", "__", StringComparison.Ordinal)}__ProviderType).");
        }
        var provider = configuration[$"{section}:ProviderType"];
        if (string.IsNullOrWhiteSpace(provider)) return null;
        if (!string.Equals(provider, "Redis", StringComparison.OrdinalIgnoreCase))
        {
            throw new KejiStartupException($"{section}:ProviderType '{provider}' is not supported: use Redis for a cluster, or leave it unset for one machine.");
        }
        return "Redis";
    }

    /// <summary>Defaults <c>ConnectionName</c> to <c>redis</c> and returns the connection string it names.</summary>
    private static string PrepareRedis(IConfiguration configuration, string section)
    {
        if (configuration[$"{section}:ConnectionString"] is { Length: > 0 } direct) return direct;
        var name = configuration[$"{section}:ConnectionName"];
        if (string.IsNullOrWhiteSpace(name))
        {
            name = DefaultConnectionName;
            configuration[$"{section}:ConnectionName"] = name;
        }
        return configuration.GetConnectionString(name) is { Length: > 0 } connection
            ? connection
            : throw new KejiStartupException($"{section}:ProviderType is Redis but ConnectionStrings:{name} is not set (e.g. 127.0.0.1:6379; environment ConnectionStrings__{name}).");
    }

    private static void Probe(string connection)
    {
        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(connection);
        }
        catch (ArgumentException e)
        {
            throw new KejiStartupException($"ConnectionStrings:redis '{connection}' is not a Redis address ({e.Message}).");
        }
        options.AbortOnConnectFail = true;
        options.ConnectTimeout = (int)ProbeTimeout.TotalMilliseconds;
        options.ConnectRetry = 1;
        try
        {
            using var redis = ConnectionMultiplexer.Connect(options);
            redis.GetDatabase().Ping();
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            throw new KejiStartupException($"cannot reach Redis at {string.Join(", ", options.EndPoints)} (ConnectionStrings:redis) for Orleans membership: {FirstLine(e.Message)}");
        }
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
