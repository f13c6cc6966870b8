using System.ComponentModel;
using System.Diagnostics;

namespace KejiLive.Deploy.Tests;

/// <summary>The result of a finished command: its exit code and what it printed.</summary>
public sealed record ToolRun(string Command, int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Fails the test with the command's output unless it exited 0.</summary>
    public ToolRun AssertSucceeded()
    {
        Assert.True(ExitCode == 0, $"`{Command}` exited {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
        return this;
    }
}

/// <summary>Runs the command-line tools that validate the artifacts. A tool that is missing fails the test with the
/// Debian package that brings it (never a skip): a validation that silently does not run is how artifacts rot.</summary>
public static class Tools
{
    /// <summary>Debian's package with a compose that validates deploy/compose.yaml (<c>docker-compose</c> 1.29 in
    /// bookworm; Docker's own <c>docker compose</c> plugin is used instead when present).</summary>
    public const string ComposePackage = "docker-compose";

    /// <summary>Debian's package with kubectl (<c>kubernetes-client</c>, 1.20 in bookworm: enough for the offline parse).</summary>
    public const string KubectlPackage = "kubernetes-client";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private static readonly Lazy<string[]> ComposeCommand = new(() =>
    {
        if (TryRun(["docker", "compose", "version"]) is { ExitCode: 0 }) return ["docker", "compose"];
        if (TryRun(["docker-compose", "version"]) is { ExitCode: 0 }) return ["docker-compose"];
        return [];
    });

    /// <summary>Runs compose (<c>docker compose</c>, else <c>docker-compose</c>) with the given arguments from the
    /// repository root, without any KEJI_* variable of the calling environment.</summary>
    public static ToolRun Compose(params string[] arguments) => Compose(new Dictionary<string, string>(), arguments);

    /// <summary>Runs compose as <see cref="Compose(string[])"/> does, with these environment variables set.</summary>
    public static ToolRun Compose(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var command = ComposeCommand.Value;
        Assert.True(command.Length > 0,
            $"Neither `docker compose` (Docker's compose plugin) nor `docker-compose` is installed, so deploy/compose.yaml " +
            $"cannot be validated: install Debian's package `{ComposePackage}` (apt-get install {ComposePackage}).");
        return TryRun([.. command, .. arguments], environment) ?? throw new InvalidOperationException($"{command[0]} disappeared while the tests ran");
    }

    /// <summary>Runs kubectl with the given arguments from the repository root.</summary>
    public static ToolRun Kubectl(params string[] arguments)
    {
        var run = TryRun(["kubectl", .. arguments]);
        Assert.True(run is not null,
            $"kubectl is not installed, so deploy/k8s cannot be validated: install Debian's package `{KubectlPackage}` " +
            $"(apt-get install {KubectlPackage}) or Kubernetes' own kubectl.");
        return run;
    }

    /// <summary>Runs a command to its end (killing it after 90 s); null when the executable does not exist.</summary>
    private static ToolRun? TryRun(string[] command, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(command[0])
        {
            WorkingDirectory = Repo.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Skip(1)) info.ArgumentList.Add(argument);
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("KEJI_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(name);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"{command[0]} did not start");
        }
        catch (Win32Exception)
        {
            return null;
        }
        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"`{string.Join(' ', command)}` did not finish within {Timeout.TotalSeconds} s");
            }
            process.WaitForExit();
            return new ToolRun(string.Join(' ', command), process.ExitCode, stdout.Result, stderr.Result);
        }
    }
}
