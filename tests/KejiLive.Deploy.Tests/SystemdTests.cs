using System.Text.RegularExpressions;

namespace KejiLive.Deploy.Tests;

/// <summary>deploy/systemd: the single-server unit still runs the silo on 8080 as the README says, and the cluster
/// units run the published assemblies as the kejilive user with the root-only environment file whose
/// Alerts__Routes__PublicUrl names the web node's port.</summary>
public sealed class SystemdTests
{
    private const string EnvFile = "deploy/systemd/kejilive.env";

    /// <summary>Each unit, the assembly it runs and the port it listens on.</summary>
    public static TheoryData<string, string, int> Units => new()
    {
        { "deploy/systemd/kejilive.service", "/opt/kejilive/KejiLive.Silo.dll", 8080 },
        { "deploy/systemd/kejilive-silo.service", "/opt/kejilive/silo/KejiLive.Silo.dll", 8081 },
        { "deploy/systemd/kejilive-web.service", "/opt/kejilive/web/KejiLive.Dashboard.Host.dll", 8080 },
    };

    [Theory]
    [MemberData(nameof(Units))]
    public void Unit_WhenRead_RunsItsAssemblyAsKejiliveOnItsPortAndStopsOnExitCode2(string unit, string assembly, int port)
    {
        var service = Section(Repo.Read(unit), "Service");

        Assert.Equal("kejilive", Single(service, "User"));
        Assert.Equal($"/usr/bin/dotnet {assembly} --urls http://0.0.0.0:{port}", Single(service, "ExecStart"));
        Assert.Equal("2", Single(service, "RestartPreventExitStatus"));
        Assert.Equal("on-failure", Single(service, "Restart"));
        Assert.Equal("true", Single(service, "NoNewPrivileges"));
        Assert.Equal("multi-user.target", Single(Section(Repo.Read(unit), "Install"), "WantedBy"));
    }

    [Theory]
    [InlineData("deploy/systemd/kejilive-silo.service")]
    [InlineData("deploy/systemd/kejilive-web.service")]
    public void ClusterUnit_WhenRead_ReadsTheRootOnlyEnvironmentFile(string unit)
    {
        Assert.Equal("/etc/kejilive/kejilive.env", Single(Section(Repo.Read(unit), "Service"), "EnvironmentFile"));
        Assert.Contains("install -D -m 0600 -o root -g root deploy/systemd/kejilive.env /etc/kejilive/kejilive.env", Repo.Read("deploy/README.md"), StringComparison.Ordinal);
    }

    [Fact]
    public void EnvironmentFile_WhenRead_NamesTheWebNodesPortInPublicUrlAndHoldsNoSecret()
    {
        var settings = EnvironmentSettings();
        var webPort = Regex.Match(Single(Section(Repo.Read("deploy/systemd/kejilive-web.service"), "Service"), "ExecStart"), @"--urls http://[^:]+:(\d+)").Groups[1].Value;

        Assert.Equal(webPort, new Uri(settings["Alerts__Routes__PublicUrl"]).Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("", settings["Auth__AdminToken"]);
        Assert.Contains("Password=CHANGE-ME", settings["ConnectionStrings__postgres"], StringComparison.Ordinal);
        Assert.Equal("Redis", settings["Orleans__Clustering__ProviderType"]);
        Assert.Equal("redis", settings["Orleans__Clustering__ConnectionName"]);
        Assert.Equal("Redis", settings["Orleans__Reminders__ProviderType"]);
        Assert.Equal("redis", settings["Orleans__Reminders__ConnectionName"]);
        Assert.Equal("Storage__Provider=Postgres", Single(Section(Repo.Read("deploy/systemd/kejilive-silo.service"), "Service"), "Environment", "Storage__Provider="));
    }

    [Fact]
    public void SingleServerUnit_WhenRead_AgreesWithTheReadmeOnItsPortAndPublicUrl()
    {
        var readme = Repo.Read("deploy/README.md");

        Assert.Contains("curl -s localhost:8080/health", readme, StringComparison.Ordinal);
        Assert.Contains("`http://localhost:8080`", readme, StringComparison.Ordinal);
        Assert.Contains("#Environment=Alerts__Routes__PublicUrl=http://kejilive.example.gov.cn:8080", Repo.Read("deploy/systemd/kejilive.service"), StringComparison.Ordinal);
    }

    /// <summary>The KEY=VALUE lines of the environment file template (each line is one or a comment).</summary>
    internal static Dictionary<string, string> EnvironmentSettings()
    {
        var settings = new Dictionary<string, string>();
        foreach (var line in Repo.Read(EnvFile).Split('\n').Select(l => l.TrimEnd('\r')))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var match = Regex.Match(line, @"^([A-Za-z_][A-Za-z0-9_]*)=(.*)$");
            Assert.True(match.Success, $"{EnvFile}: '{line}' is not KEY=VALUE");
            Assert.True(settings.TryAdd(match.Groups[1].Value, match.Groups[2].Value), $"{EnvFile}: {match.Groups[1].Value} twice");
        }
        return settings;
    }

    private static List<(string Key, string Value)> Section(string unit, string name)
    {
        var entries = new List<(string, string)>();
        var inside = false;
        foreach (var line in unit.Split('\n').Select(l => l.Trim()))
        {
            if (line.StartsWith('[')) inside = line == $"[{name}]";
            else if (inside && line.Length > 0 && !line.StartsWith('#') && line.IndexOf('=') is > 0 and var at)
            {
                entries.Add((line[..at], line[(at + 1)..]));
            }
        }
        Assert.True(entries.Count > 0, $"no [{name}] section");
        return entries;
    }

    private static string Single(List<(string Key, string Value)> section, string key, string valuePrefix = "") =>
        Assert.Single(section, e => e.Key == key && e.Value.StartsWith(valuePrefix, StringComparison.Ordinal)).Value;
}
