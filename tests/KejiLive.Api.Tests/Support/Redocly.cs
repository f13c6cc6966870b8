using System.Reflection;

namespace KejiLive.Api.Tests.Support;

/// <summary>Redocly CLI, pinned in <c>tests/KejiLive.Api.Tests/Lint/package-lock.json</c> and restored there with
/// <c>npm ci</c> the first time a test needs it (again only when the lock file changes), like the pages' libraries.</summary>
public static class Redocly
{
    private static readonly SemaphoreSlim Restore = new(1, 1);

    /// <summary>The folder holding package.json and package-lock.json (recorded by the build).</summary>
    public static string Directory => typeof(Redocly).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .FirstOrDefault(a => a.Key == "KejiLintDirectory")?.Value
        ?? throw new InvalidOperationException("The test assembly was built without its 'KejiLintDirectory' metadata.");

    /// <summary>Lints an OpenAPI file with Redocly's recommended rules; the JSON report on standard output.</summary>
    public static async Task<Tool.Run> LintAsync(string file)
    {
        var cli = await EnsureAsync();
        return await Tool.RunAsync("node", [cli, "lint", file, "--format=json"], Directory, environment: new Dictionary<string, string>
        {
            // No usage data sent and no version check against the registry from a test run.
            ["REDOCLY_TELEMETRY"] = "off",
            ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true",
        });
    }

    private static async Task<string> EnsureAsync()
    {
        var cli = Path.Combine(Directory, "node_modules", "@redocly", "cli", "bin", "cli.js");
        var marker = Path.Combine(Directory, "node_modules", ".package-lock.json");
        var lockFile = Path.Combine(Directory, "package-lock.json");
        await Restore.WaitAsync();
        try
        {
            if (File.Exists(cli) && File.Exists(marker) && File.GetLastWriteTimeUtc(marker) >= File.GetLastWriteTimeUtc(lockFile)) return cli;
            var npm = await Tool.RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--ignore-scripts"], Directory);
            Assert.True(npm.ExitCode == 0, $"npm ci in {Directory} failed (Node.js and npm are needed, with the npm registry reachable):\n{npm.Printed}");
            File.SetLastWriteTimeUtc(marker, DateTime.UtcNow);
            Assert.True(File.Exists(cli), $"npm ci did not install {cli}");
            return cli;
        }
        finally
        {
            Restore.Release();
        }
    }
}
