using KejiLive.Dashboard.Hosting;
using KejiLive.Silo;
using Microsoft.Extensions.Configuration;

namespace KejiLive.Api.Tests;

/// <summary>When the silo switches on Orleans' Kubernetes hosting (<c>Hosting:Kubernetes</c>). No pod exists on this
/// machine, so the pod's environment and its service-account token are given to <see cref="KejiKubernetes.Resolve(IConfiguration, bool, Func{string, string?}, Func{string, bool})"/>
/// as tables; the refusal outside a pod is also tested on the real executable (<see cref="StartupErrorTests"/>).</summary>
public sealed class KubernetesHostingTests
{
    private static readonly Dictionary<string, string?> Pod = new()
    {
        ["KUBERNETES_SERVICE_HOST"] = "10.96.0.1",
        ["POD_NAME"] = "kejilive-silo-7d9f-abcde",
        ["POD_NAMESPACE"] = "kejilive",
    };

    public static TheoryData<string?, bool, bool> Accepted => new()
    {
        // key, cluster, expected
        { null, false, false },
        { "", true, false },
        { "false", true, false },
        { "False", false, false },
        { "true", true, true },
        { "TRUE", true, true },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Resolve_InAPodOfACluster_FollowsTheKey(string? value, bool cluster, bool expected)
    {
        var on = KejiKubernetes.Resolve(Config(value), cluster, name => Pod.GetValueOrDefault(name), _ => true);

        Assert.Equal(expected, on);
    }

    public static TheoryData<string, string?, bool, string[]> Refused => new()
    {
        // key value, environment variable removed (null: none), token present, words the error must contain
        { "yes", null, true, ["Hosting:Kubernetes 'yes'", "true or false"] },
        { "true", "KUBERNETES_SERVICE_HOST", true, ["not a Kubernetes pod", "KUBERNETES_SERVICE_HOST"] },
        { "true", "POD_NAME", true, ["not a Kubernetes pod", "POD_NAME", "30-silo.yaml"] },
        { "true", "POD_NAMESPACE", true, ["not a Kubernetes pod", "POD_NAMESPACE"] },
        { "true", null, false, ["service-account token", KejiKubernetes.ServiceAccountToken, "10-rbac.yaml"] },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Resolve_WhenThePodLacksWhatHostingNeeds_RefusesNamingIt(string value, string? removed, bool token, string[] words)
    {
        var error = Assert.Throws<KejiStartupException>(() =>
            KejiKubernetes.Resolve(Config(value), isCluster: true, name => name == removed ? null : Pod.GetValueOrDefault(name), _ => token));

        foreach (var word in words) Assert.Contains(word, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_InAPodWithoutRedisClustering_RefusesNamingTheClusteringKey()
    {
        var error = Assert.Throws<KejiStartupException>(() =>
            KejiKubernetes.Resolve(Config("true"), isCluster: false, name => Pod.GetValueOrDefault(name), _ => true));

        Assert.Contains("Orleans:Clustering:ProviderType=Redis", error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Config(string? value) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [KejiKubernetes.Key] = value }).Build();
}
