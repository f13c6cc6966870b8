using System.Text.RegularExpressions;

namespace KejiLive.Deploy.Tests;

/// <summary>deploy/docker: the silo's and the web node's images are built from the project that exists, with node/npm
/// in the build stage (MSBuild runs npm ci), and run as a non-root user with a HEALTHCHECK on /health.</summary>
public sealed class DockerfileTests
{
    /// <summary>Each Dockerfile, the project it publishes and the assembly its entry point runs.</summary>
    public static TheoryData<string, string, string> Images => new()
    {
        { "deploy/docker/silo.Dockerfile", "silo/KejiLive.Silo/KejiLive.Silo.csproj", "KejiLive.Silo.dll" },
        { "deploy/docker/web.Dockerfile", "dashboard/KejiLive.Dashboard.Host/KejiLive.Dashboard.Host.csproj", "KejiLive.Dashboard.Host.dll" },
    };

    [Theory]
    [MemberData(nameof(Images))]
    public void Dockerfile_WhenRead_BuildsOnTheSdkWithNpmAndRunsOnAspNet(string dockerfile, string project, string assembly)
    {
        var file = Dockerfile.Load(dockerfile);

        Assert.True(file.Stages.Count >= 2, $"{dockerfile}: a multi-stage build (SDK build stage, runtime stage)");
        var build = file.Stages[0];
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:10.0", build[0].Arguments, StringComparison.Ordinal);
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.0", file.Final[0].Arguments, StringComparison.Ordinal);
        Assert.Contains(build, i => i.Keyword == "RUN" && Regex.IsMatch(i.Arguments, @"\bnodejs\b") && Regex.IsMatch(i.Arguments, @"\bnpm\b"));
        var publish = Assert.Single(build, i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet publish", StringComparison.Ordinal));
        Assert.Contains(project, publish.Arguments, StringComparison.Ordinal);
        Assert.True(File.Exists(Repo.PathOf(project)), $"{dockerfile} publishes {project}, which does not exist");
        var entry = Assert.Single(file.Final, i => i.Keyword == "ENTRYPOINT");
        Assert.Contains($"\"{assembly}\"", entry.Arguments, StringComparison.Ordinal);
        Assert.Contains(File.ReadLines(Repo.PathOf(project)), l => l.Contains("Microsoft.NET.Sdk.Web", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Dockerfile_WhenRun_IsNonRootWithHealthcheckOnTheListenedPort(string dockerfile, string project, string assembly)
    {
        _ = (project, assembly);
        var final = Dockerfile.Load(dockerfile).Final;

        var user = Assert.Single(final, i => i.Keyword == "USER").Arguments;
        Assert.DoesNotMatch(@"^(root|0)(:|$)", user);
        Assert.True(final.IndexOf(final.Single(i => i.Keyword == "USER")) > final.FindLastIndex(i => i.Keyword == "RUN"),
            $"{dockerfile}: USER comes after the last RUN, so nothing after it runs as root");

        var listen = Regex.Match(Assert.Single(final, i => i.Keyword == "CMD").Arguments, @"""--urls"",\s*""http://[^:""]+:(\d+)""");
        Assert.True(listen.Success, $"{dockerfile}: CMD passes --urls http://0.0.0.0:PORT");
        var port = listen.Groups[1].Value;

        var expose = Assert.Single(final, i => i.Keyword == "EXPOSE").Arguments.Split(' ');
        Assert.Contains(port, expose);

        var health = Assert.Single(final, i => i.Keyword == "HEALTHCHECK").Arguments;
        Assert.Matches($@"CMD .*curl -f\S* .*http://127\.0\.0\.1:{port}/health\b", health);
        Assert.Contains(final, i => i.Keyword == "RUN" && Regex.IsMatch(i.Arguments, @"apt-get install .*\bcurl\b"));
    }

    [Fact]
    public void DockerIgnore_WhenRead_KeepsBuildOutputAndNodeModulesOutOfTheContext()
    {
        var lines = Repo.Read(".dockerignore").Split('\n').Select(l => l.Trim()).ToHashSet();

        foreach (var entry in new[] { ".git", "**/bin/", "**/obj/", "**/node_modules/", "deploy/.env" })
        {
            Assert.Contains(entry, lines);
        }
    }
}

/// <summary>List helpers the checks use.</summary>
internal static class ListExtensions
{
    /// <summary>The index of the last item that matches, or -1.</summary>
    public static int FindLastIndex<T>(this IReadOnlyList<T> list, Func<T, bool> match)
    {
        for (var i = list.Count - 1; i >= 0; i--) if (match(list[i])) return i;
        return -1;
    }

    /// <summary>The index of an item, or -1.</summary>
    public static int IndexOf<T>(this IReadOnlyList<T> list, T item) where T : class
    {
        for (var i = 0; i < list.Count; i++) if (ReferenceEquals(list[i], item)) return i;
        return -1;
    }
}
