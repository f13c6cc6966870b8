using KejiLive.Dashboard.Hosting;

namespace KejiLive.Silo;

/// <summary>Whether this silo runs as a Kubernetes pod with <c>Microsoft.Orleans.Hosting.Kubernetes</c>
/// (<c>Hosting:Kubernetes=true</c>, set by <c>deploy/k8s/21-config.yaml</c>; default off). Switched on, Orleans names the
/// silo after its pod (<c>POD_NAME</c>), and a silo on the cluster's list whose pod was deleted is declared dead at once
/// instead of after the membership probes; a silo that membership declared dead has its pod deleted. Membership and
/// reminders stay on Redis: the hosting package adds knowledge of pods, not a membership table.</summary>
public static class KejiKubernetes
{
    public const string Key = "Hosting:Kubernetes";

    /// <summary>Where Kubernetes mounts the pod's service-account token; the hosting package reads the API with it.</summary>
    public const string ServiceAccountToken = "/var/run/secrets/kubernetes.io/serviceaccount/token";

    /// <summary>What a pod must have for the hosting package: the API's address (set by Kubernetes in every pod) and the
    /// pod's name and namespace (set by the manifest through the downward API).</summary>
    private static readonly string[] RequiredEnvironment = ["KUBERNETES_SERVICE_HOST", "POD_NAME", "POD_NAMESPACE"];

    /// <summary>True when <c>Hosting:Kubernetes</c> is on and this process is a pod that can use it.</summary>
    /// <param name="environment">Reads an environment variable (the process's own in production).</param>
    /// <param name="fileExists">Tells whether a file exists (the real file system in production).</param>
    /// <exception cref="KejiStartupException">The key is not a boolean, or it is on and this is not a pod of a
    /// cluster (an environment variable or the service-account token is missing, or no Redis clustering is set).</exception>
    public static bool Resolve(IConfiguration configuration, bool isCluster, Func<string, string?> environment, Func<string, bool> fileExists)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(fileExists);
        var value = configuration[Key];
        if (string.IsNullOrWhiteSpace(value)) return false;
        if (!bool.TryParse(value, out var on))
        {
            throw new KejiStartupException($"{Key} '{value}' is not true or false.");
        }
        if (!on) return false;
        var missing = RequiredEnvironment.Where(name => string.IsNullOrWhiteSpace(environment(name))).ToList();
        if (missing.Count > 0)
        {
            throw new KejiStartupException($"{Key}=true but this process is not a Kubernetes pod: {string.Join(", ", missing)} not set " +
                "(deploy/k8s/30-silo.yaml sets POD_NAME and POD_NAMESPACE from the pod; leave the key unset outside Kubernetes).");
        }
        if (!fileExists(ServiceAccountToken))
        {
            throw new KejiStartupException($"{Key}=true but the pod has no service-account token at {ServiceAccountToken}: " +
                "run the silo under the account of deploy/k8s/10-rbac.yaml with automountServiceAccountToken enabled.");
        }
        if (!isCluster)
        {
            throw new KejiStartupException($"{Key}=true needs a cluster: set {KejiClustering.ClusteringSection}:ProviderType=Redis " +
                "(the pods' membership table stays on Redis).");
        }
        return true;
    }

    /// <summary>The process's own environment and file system.</summary>
    public static bool Resolve(IConfiguration configuration, bool isCluster) =>
        Resolve(configuration, isCluster, Environment.GetEnvironmentVariable, File.Exists);
}
