using System.Text.RegularExpressions;

namespace KejiLive.Deploy.Tests;

/// <summary>Every configuration key the deploy artifacts set (environment form <c>A__B</c>) is a key the project
/// documents: in the main README's table, or one of the cluster keys issue 19 and DESIGN.md name; and deploy/README.md
/// explains each of them. A typo (<c>Orleans__Clustering=Redis</c>, <c>ConnectionStrings__Redis</c>) fails here.</summary>
public sealed partial class ConfigurationKeyTests
{
    /// <summary>The files whose keys are checked.</summary>
    private static readonly string[] Artifacts =
    [
        "deploy/compose.yaml", "deploy/systemd/kejilive.service", "deploy/systemd/kejilive-silo.service",
        "deploy/systemd/kejilive-web.service", "deploy/systemd/kejilive.env", "deploy/docker/silo.Dockerfile",
        "deploy/docker/web.Dockerfile", "deploy/k8s/20-secret.yaml", "deploy/k8s/21-config.yaml", "deploy/k8s/30-silo.yaml",
        "deploy/k8s/40-web.yaml",
    ];

    /// <summary>The cluster keys named by issue 19 and DESIGN.md (Orleans 10 reads the Clustering and Reminders sections
    /// itself). The cluster code that reads the rest is being built; the main README's table lists them when it lands.</summary>
    private static readonly HashSet<string> ClusterKeys =
    [
        "Orleans:Clustering:ProviderType", "Orleans:Clustering:ConnectionName", "Orleans:Reminders:ProviderType",
        "Orleans:Reminders:ConnectionName", "ConnectionStrings:redis", "ConnectionStrings:postgres", "Storage:Provider",
        "Orleans:ClusterId", "Orleans:ServiceId", "Orleans:SiloPort", "Orleans:GatewayPort", "Orleans:AdvertisedIP",
    ];

    [Fact]
    public void ArtifactKeys_WhenCollected_AreAllDocumentedKeys()
    {
        var used = Artifacts.SelectMany(a => KeyPattern().Matches(Repo.Read(a)).Select(m => (Artifact: a, Key: m.Value.Replace("__", ":", StringComparison.Ordinal))))
            .ToList();
        var mainReadme = Repo.Read("README.md");
        var deployReadme = Repo.Read("deploy/README.md");

        Assert.Superset(new HashSet<string> { "Data:Directory", "Auth:AdminToken", "Alerts:Routes:PublicUrl", "Orleans:Clustering:ProviderType", "ConnectionStrings:postgres" },
            used.Select(u => u.Key).ToHashSet());
        foreach (var (artifact, key) in used)
        {
            Assert.True(ClusterKeys.Contains(key) || mainReadme.Contains($"`{key}`", StringComparison.Ordinal),
                $"{artifact} sets {key}, which neither the main README nor issue 19's cluster keys name");
            Assert.True(deployReadme.Contains($"`{key}`", StringComparison.Ordinal), $"{artifact} sets {key}; deploy/README.md does not explain it");
        }
    }

    [Fact]
    public void OrleansProviderSections_WhenSet_AreNeverScalars()
    {
        // Orleans__Clustering=Redis crashes every host at start ("Could not find Clustering provider named 'Default'").
        foreach (var artifact in Artifacts)
        {
            Assert.DoesNotMatch(@"Orleans__(Clustering|Reminders)\s*[:=]", Repo.Read(artifact));
        }
    }

    [GeneratedRegex(@"(?<![A-Za-z0-9_])[A-Z][a-z][A-Za-z]*(?:__[A-Za-z][A-Za-z0-9]*)+(?![A-Za-z0-9_])")]
    private static partial Regex KeyPattern();
}
