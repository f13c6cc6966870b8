using System.Globalization;
using System.Text;
using System.Text.Json;

namespace KejiLive.Deploy.Tests;

/// <summary>deploy/k8s: kubectl parses every object offline (<c>kubectl label --local</c>: <c>apply --dry-run=client</c>
/// needs an API server for discovery even with <c>--validate=false</c>), and the objects hold together — the pod
/// labels and environment of Orleans' Kubernetes hosting, its RBAC, probes on /health, the secrets and config every
/// container reads, and selectors and back-ends that point at something that exists.</summary>
public sealed class KubernetesManifestTests
{
    private const string Folder = "deploy/k8s";
    private const string Namespace = "kejilive";

    private static readonly Lazy<IReadOnlyList<JsonElement>> Objects = new(Parse);

    /// <summary>apiVersion and kind of every object the folder may hold (a typo in either fails here).</summary>
    private static readonly HashSet<(string, string)> KnownKinds =
    [
        ("v1", "Namespace"), ("v1", "ServiceAccount"), ("v1", "Secret"), ("v1", "ConfigMap"), ("v1", "Service"),
        ("rbac.authorization.k8s.io/v1", "Role"), ("rbac.authorization.k8s.io/v1", "RoleBinding"),
        ("apps/v1", "Deployment"), ("apps/v1", "StatefulSet"), ("policy/v1", "PodDisruptionBudget"),
        ("networking.k8s.io/v1", "Ingress"),
    ];

    [Fact]
    public void Manifests_WhenKubectlParsesThemOffline_ExitZeroAndNameEveryObject()
    {
        var names = Tools.Kubectl("label", "--local", "-f", Folder, "-o", "name", "kejilive-deploy-test=1").AssertSucceeded().Stdout
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        Assert.Equal(
        [
            "configmap/kejilive-cluster", "deployment.apps/kejilive-silo", "deployment.apps/kejilive-web",
            "ingress.networking.k8s.io/kejilive", "namespace/kejilive", "poddisruptionbudget.policy/kejilive-silo",
            "poddisruptionbudget.policy/kejilive-web", "role.rbac.authorization.k8s.io/kejilive-silo-pods",
            "rolebinding.rbac.authorization.k8s.io/kejilive-silo-pods", "secret/kejilive-secrets",
            "service/kejilive-silo", "service/kejilive-web", "serviceaccount/kejilive-silo", "serviceaccount/kejilive-web",
        ], names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Manifests_WhenParsed_AreKnownKindsInTheKejiLiveNamespace()
    {
        foreach (var item in Objects.Value)
        {
            var kind = Str(item, "kind");
            Assert.Contains((Str(item, "apiVersion"), kind), KnownKinds);
            if (kind != "Namespace") Assert.Equal(Namespace, Str(item, "metadata", "namespace"));
        }
    }

    [Fact]
    public void SiloPods_WhenParsed_CarryOrleansKubernetesHostingLabelsAndEnvironment()
    {
        var config = Find("ConfigMap", "kejilive-cluster").GetProperty("data");
        var template = Find("Deployment", "kejilive-silo").GetProperty("spec").GetProperty("template");
        var labels = template.GetProperty("metadata").GetProperty("labels");

        Assert.Equal(Str(config, "Orleans__ServiceId"), Str(labels, "orleans/serviceId"));
        Assert.Equal(Str(config, "Orleans__ClusterId"), Str(labels, "orleans/clusterId"));
        var env = Env(Container(template));
        foreach (var name in new[] { "POD_NAME", "POD_NAMESPACE", "POD_IP", "ORLEANS_SERVICE_ID", "ORLEANS_CLUSTER_ID" })
        {
            Assert.True(env.ContainsKey(name), $"the silo container sets {name} (Microsoft.Orleans.Hosting.Kubernetes reads it)");
        }
        Assert.Equal("metadata.labels['orleans/clusterId']", Str(env["ORLEANS_CLUSTER_ID"], "valueFrom", "fieldRef", "fieldPath"));
        Assert.Equal("status.podIP", Str(env["POD_IP"], "valueFrom", "fieldRef", "fieldPath"));
        Assert.Equal("$(POD_IP)", Str(env["Orleans__AdvertisedIP"], "value"));
        // The silo calls UseKubernetesHosting() only when told it runs in a pod (KejiKubernetes).
        Assert.Equal("true", Str(env["Hosting__Kubernetes"], "value"));
        Assert.Equal("Postgres", Str(env["Storage__Provider"], "value"));
        Assert.Equal("Redis", Str(config, "Orleans__Clustering__ProviderType"));
        Assert.Equal("Redis", Str(config, "Orleans__Reminders__ProviderType"));
    }

    [Fact]
    public void SiloServiceAccount_WhenParsed_IsBoundToARoleThatGetsListsWatchesPatchesAndDeletesPods()
    {
        var account = Str(Find("Deployment", "kejilive-silo"), "spec", "template", "spec", "serviceAccountName");
        Find("ServiceAccount", account);
        var binding = Assert.Single(OfKind("RoleBinding"), b =>
            b.GetProperty("subjects").EnumerateArray().Any(s => Str(s, "kind") == "ServiceAccount" && Str(s, "name") == account));
        Assert.Equal("Role", Str(binding, "roleRef", "kind"));
        var role = Find("Role", Str(binding, "roleRef", "name"));

        var podRule = Assert.Single(role.GetProperty("rules").EnumerateArray(), r =>
            r.GetProperty("resources").EnumerateArray().Any(x => x.GetString() == "pods"));
        Assert.Equal([""], podRule.GetProperty("apiGroups").EnumerateArray().Select(x => x.GetString()));
        var verbs = podRule.GetProperty("verbs").EnumerateArray().Select(x => x.GetString()).ToHashSet();
        // patch: the hosting package writes the cluster's ids into its own pod's labels at start.
        Assert.Superset(new HashSet<string?> { "get", "list", "watch", "patch", "delete" }, verbs);
    }

    [Theory]
    [InlineData("kejilive-silo")]
    [InlineData("kejilive-web")]
    public void Deployment_WhenParsed_ProbesHealthOnTheListenedPortAsNonRoot(string name)
    {
        var spec = Find("Deployment", name).GetProperty("spec");
        var pod = spec.GetProperty("template").GetProperty("spec");
        var container = Container(spec.GetProperty("template"));

        Assert.True(spec.GetProperty("replicas").GetInt32() >= 2, $"{name}: two replicas at least");
        var args = container.GetProperty("args").EnumerateArray().Select(a => a.GetString()).ToList();
        var urls = args[args.IndexOf("--urls") + 1]!;
        var port = new Uri(urls.Replace("0.0.0.0", "localhost", StringComparison.Ordinal)).Port;
        var http = Assert.Single(container.GetProperty("ports").EnumerateArray(), p => Str(p, "name") == "http");
        Assert.Equal(port, http.GetProperty("containerPort").GetInt32());
        foreach (var probe in new[] { "readinessProbe", "livenessProbe" })
        {
            var get = container.GetProperty(probe).GetProperty("httpGet");
            Assert.Equal("/health", Str(get, "path"));
            Assert.Equal("http", Str(get, "port"));
        }
        Assert.True(pod.GetProperty("securityContext").GetProperty("runAsNonRoot").GetBoolean(), $"{name}: runAsNonRoot");
        Assert.NotEqual(0, pod.GetProperty("securityContext").GetProperty("runAsUser").GetInt32());
        Assert.False(container.GetProperty("securityContext").GetProperty("allowPrivilegeEscalation").GetBoolean());
        // Every node checks the configured admin token itself, and every node joins through Redis.
        Assert.True(Env(container).ContainsKey("Auth__AdminToken"), $"{name}: Auth__AdminToken");
        Assert.True(Env(container).ContainsKey("ConnectionStrings__redis"), $"{name}: ConnectionStrings__redis");
    }

    [Fact]
    public void Containers_WhenParsed_ReadOnlySecretKeysAndConfigMapsThatExist()
    {
        var secretKeys = OfKind("Secret").ToDictionary(s => Str(s, "metadata", "name"),
            s => Keys(s, "stringData").Concat(Keys(s, "data")).ToHashSet());
        var configMaps = OfKind("ConfigMap").Select(c => Str(c, "metadata", "name")).ToHashSet();

        foreach (var deployment in OfKind("Deployment"))
        {
            var container = Container(deployment.GetProperty("spec").GetProperty("template"));
            foreach (var (variable, definition) in Env(container))
            {
                if (!definition.TryGetProperty("valueFrom", out var from) || !from.TryGetProperty("secretKeyRef", out var reference)) continue;
                var secret = Str(reference, "name");
                Assert.True(secretKeys.TryGetValue(secret, out var keys) && keys.Contains(Str(reference, "key")),
                    $"{Str(deployment, "metadata", "name")}: {variable} reads {secret}/{Str(reference, "key")}, which no Secret holds");
            }
            foreach (var source in container.GetProperty("envFrom").EnumerateArray())
            {
                Assert.Contains(Str(source, "configMapRef", "name"), configMaps);
            }
        }
        Assert.Superset(new HashSet<string> { "ConnectionStrings__redis", "ConnectionStrings__postgres", "Auth__AdminToken" }, secretKeys["kejilive-secrets"]);
    }

    [Fact]
    public void Selectors_WhenParsed_MatchThePodsOfADeploymentAndTheIngressReachesTheWebNodes()
    {
        var podLabels = OfKind("Deployment").ToDictionary(d => Str(d, "metadata", "name"),
            d => Labels(d.GetProperty("spec").GetProperty("template").GetProperty("metadata").GetProperty("labels")));
        bool Selects(Dictionary<string, string> selector) => podLabels.Values.Any(l => selector.All(kv => l.GetValueOrDefault(kv.Key) == kv.Value));

        foreach (var deployment in OfKind("Deployment"))
        {
            Assert.True(Selects(Labels(deployment.GetProperty("spec").GetProperty("selector").GetProperty("matchLabels"))));
        }
        foreach (var pdb in OfKind("PodDisruptionBudget"))
        {
            Assert.True(Selects(Labels(pdb.GetProperty("spec").GetProperty("selector").GetProperty("matchLabels"))), $"PDB {Str(pdb, "metadata", "name")} selects no pod");
        }
        foreach (var service in OfKind("Service"))
        {
            Assert.True(Selects(Labels(service.GetProperty("spec").GetProperty("selector"))), $"Service {Str(service, "metadata", "name")} selects no pod");
        }
        Assert.Equal(["kejilive-silo", "kejilive-web"], OfKind("PodDisruptionBudget").Select(p => Str(p, "metadata", "name")).Order());

        var ingress = Assert.Single(OfKind("Ingress"));
        var backend = ingress.GetProperty("spec").GetProperty("rules")[0].GetProperty("http").GetProperty("paths")[0].GetProperty("backend").GetProperty("service");
        var web = Find("Service", Str(backend, "name"));
        Assert.Contains(web.GetProperty("spec").GetProperty("ports").EnumerateArray(), p => Str(p, "name") == Str(backend, "port", "name"));
        var annotations = ingress.GetProperty("metadata").GetProperty("annotations");
        Assert.Equal("cookie", Str(annotations, "nginx.ingress.kubernetes.io/affinity"));
        Assert.True(int.Parse(Str(annotations, "nginx.ingress.kubernetes.io/proxy-read-timeout"), CultureInfo.InvariantCulture) >= 3600);
        Assert.Equal(Str(Find("ConfigMap", "kejilive-cluster"), "data", "Alerts__Routes__PublicUrl"),
            "https://" + Str(ingress.GetProperty("spec").GetProperty("rules")[0], "host"));
    }

    private static IReadOnlyList<JsonElement> Parse()
    {
        var json = Tools.Kubectl("label", "--local", "-f", Folder, "-o", "json", "kejilive-deploy-test=1").AssertSucceeded().Stdout;
        // kubectl prints one JSON value per object (newer versions) or one List: read a stream of values.
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), new JsonReaderOptions { AllowMultipleValues = true });
        var objects = new List<JsonElement>();
        while (reader.Read())
        {
            var value = JsonElement.ParseValue(ref reader);
            if (Str(value, "kind") == "List") objects.AddRange(value.GetProperty("items").EnumerateArray());
            else objects.Add(value);
        }
        return objects;
    }

    private static IEnumerable<JsonElement> OfKind(string kind) => Objects.Value.Where(o => Str(o, "kind") == kind);

    private static JsonElement Find(string kind, string name)
    {
        var found = OfKind(kind).Where(o => Str(o, "metadata", "name") == name).ToList();
        Assert.True(found.Count == 1, $"{kind} {name}: expected one, found {found.Count}");
        return found[0];
    }

    private static JsonElement Container(JsonElement template) =>
        template.GetProperty("spec").GetProperty("containers").EnumerateArray().Single();

    private static Dictionary<string, JsonElement> Env(JsonElement container) =>
        container.GetProperty("env").EnumerateArray().ToDictionary(e => Str(e, "name"));

    private static Dictionary<string, string> Labels(JsonElement element) =>
        element.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);

    private static IEnumerable<string> Keys(JsonElement element, string property) =>
        element.TryGetProperty(property, out var map) ? map.EnumerateObject().Select(p => p.Name) : [];

    private static string Str(JsonElement element, params string[] path)
    {
        foreach (var step in path)
        {
            Assert.True(element.ValueKind == JsonValueKind.Object && element.TryGetProperty(step, out element), $"missing {string.Join('.', path)}");
        }
        return element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();
    }
}
