using System.Text.RegularExpressions;

namespace KejiLive.Deploy.Tests;

/// <summary>deploy/compose.yaml and the nginx config it mounts: the file validates with compose as an operator runs it
/// (no engine needed), names the services and volumes the README describes, keeps Redis on AOF with fsync always and
/// PostgreSQL 15, takes its one password from the environment, and nginx carries WebSockets to the web nodes.</summary>
public sealed class ComposeTests
{
    private const string ComposeFile = "deploy/compose.yaml";

    [Fact]
    public void Compose_WhenValidatedWithoutAnyEnvFile_PassesAndNamesEveryService()
    {
        Tools.Compose("-f", ComposeFile, "config").AssertSucceeded();

        var services = Lines(Tools.Compose("-f", ComposeFile, "config", "--services").AssertSucceeded().Stdout);
        Assert.Equal(["postgres", "proxy", "redis", "silo1", "silo2", "web1", "web2"], services.Order());

        var volumes = Lines(Tools.Compose("-f", ComposeFile, "config", "--volumes").AssertSucceeded().Stdout);
        Assert.Equal(["postgres-data", "redis-data", "silo1-data", "silo2-data"], volumes.Order());
    }

    [Fact]
    public void Compose_WhenPasswordAndTokenAreInTheEnvironment_PutsThemWhereTheyAreRead()
    {
        var rendered = Tools.Compose(
            new Dictionary<string, string> { ["KEJI_POSTGRES_PASSWORD"] = "pw-from-env-0123", ["KEJI_ADMIN_TOKEN"] = "token-from-env-0123456789abcdef0123" },
            "-f", ComposeFile, "config").AssertSucceeded().Stdout;

        Assert.Matches(@"POSTGRES_PASSWORD: [""']?pw-from-env-0123", rendered);
        Assert.Equal(2, Regex.Matches(rendered, @"ConnectionStrings__postgres: [""']?Host=postgres;[^\n]*Password=pw-from-env-0123").Count);
        Assert.Equal(4, Regex.Matches(rendered, @"Auth__AdminToken: [""']?token-from-env-0123456789abcdef0123").Count);
        Assert.Matches(@"image: [""']?postgres:15[""']?\n", rendered);
        // Silos and web nodes all join the cluster through Redis.
        Assert.Equal(4, Regex.Matches(rendered, @"Orleans__Clustering__ProviderType: [""']?Redis").Count);
        Assert.Equal(4, Regex.Matches(rendered, @"ConnectionStrings__redis: [""']?redis:6379").Count);
        Assert.Equal(2, Regex.Matches(rendered, @"Storage__Provider: [""']?Postgres").Count);
    }

    [Fact]
    public void Compose_WhenRead_HasNoDefaultSecretAndRedisFsyncsEveryWrite()
    {
        var source = Repo.Read(ComposeFile);

        Assert.Matches(@"command: \[""redis-server"", ""--appendonly"", ""yes"", ""--appendfsync"", ""always""\]", source);
        Assert.Matches(@"- redis-data:/data", source);
        Assert.Matches(@"- postgres-data:/var/lib/postgresql/data", source);
        Assert.Matches(@"synchronous_commit=on", source);
        // A secret never has a default value in the file: empty means "refused at run time".
        Assert.DoesNotMatch(@"\$\{KEJI_(POSTGRES_PASSWORD|ADMIN_TOKEN):-[^}]", source);
        Assert.DoesNotContain("deploy/.env", Lines(RunGit("ls-files", "deploy")));
    }

    [Fact]
    public void Compose_WhenRead_PublishesThePortThatPublicUrlNames()
    {
        var source = Repo.Read(ComposeFile);

        var published = Regex.Match(source, @"\$\{KEJI_HTTP_PORT:-(\d+)\}:80");
        var publicUrl = Regex.Match(source, @"\$\{KEJI_PUBLIC_URL:-https?://[^:/}]+:(\d+)\}");
        Assert.True(published.Success && publicUrl.Success, "the proxy publishes ${KEJI_HTTP_PORT:-N}:80 and PublicUrl defaults to a URL with a port");
        Assert.Equal(published.Groups[1].Value, publicUrl.Groups[1].Value);
        var example = Repo.Read("deploy/.env.example");
        Assert.Matches($@"(?m)^KEJI_PUBLIC_URL=http://localhost:{published.Groups[1].Value}$", example);
        Assert.Matches($@"(?m)^KEJI_HTTP_PORT={published.Groups[1].Value}$", example);
    }

    [Fact]
    public void Nginx_WhenRead_BalancesEveryWebNodeAndCarriesTheHubsWebSockets()
    {
        var conf = Repo.Read("deploy/nginx/kejilive.conf");
        Assert.Contains("./nginx/kejilive.conf:/etc/nginx/conf.d/default.conf", Repo.Read(ComposeFile), StringComparison.Ordinal);

        var upstream = Regex.Match(conf, @"upstream kejilive_web \{(?<body>[^}]*)\}");
        Assert.True(upstream.Success, "an upstream kejilive_web block");
        var servers = Regex.Matches(upstream.Groups["body"].Value, @"server (\S+?):(\d+)").Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();
        Assert.Equal([("web1", "8080"), ("web2", "8080")], servers);
        Assert.Contains("ip_hash;", upstream.Groups["body"].Value, StringComparison.Ordinal);

        var hub = Regex.Match(conf, @"location /hubs/live \{(?<body>[^}]*)\}");
        Assert.True(hub.Success, "a location for /hubs/live");
        var body = hub.Groups["body"].Value;
        Assert.Contains("proxy_pass http://kejilive_web;", body, StringComparison.Ordinal);
        Assert.Contains("proxy_http_version 1.1;", body, StringComparison.Ordinal);
        Assert.Contains("proxy_set_header Upgrade    $http_upgrade;", body, StringComparison.Ordinal);
        Assert.Contains("proxy_set_header Connection $connection_upgrade;", body, StringComparison.Ordinal);
        Assert.True(int.Parse(Regex.Match(body, @"proxy_read_timeout (\d+)s;").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 3600,
            "/hubs/live keeps idle WebSockets for an hour at least");
        Assert.Matches(@"map \$http_upgrade \$connection_upgrade", conf);
    }

    private static string[] Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string RunGit(params string[] arguments)
    {
        var info = new System.Diagnostics.ProcessStartInfo("git") { WorkingDirectory = Repo.Root, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        try
        {
            using var git = System.Diagnostics.Process.Start(info)!;
            var output = git.StandardOutput.ReadToEnd();
            git.WaitForExit();
            return output;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return ""; // no git (a source tarball): nothing committed to check
        }
    }
}
