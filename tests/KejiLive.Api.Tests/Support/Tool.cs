using System.Diagnostics;
using System.Text;

namespace KejiLive.Api.Tests.Support;

/// <summary>Runs a command-line tool the tests need (npm, Redocly, promtool) and keeps everything it printed.</summary>
public static class Tool
{
    public sealed record Run(int ExitCode, string Output, string Error)
    {
        /// <summary>Both streams, for a failure message.</summary>
        public string Printed => $"exit code {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";
    }

    /// <summary>Runs <paramref name="file"/>; fails the test with a clear message when it is not installed.</summary>
    public static async Task<Run> RunAsync(string file, IEnumerable<string> arguments, string? workingDirectory = null,
        string? standardInput = null, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = standardInput is not null,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        foreach (var a in arguments) start.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{file} is not installed or not on PATH ({e.Message}); test.sh installs what the tests need.", e);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (standardInput is not null)
            {
                await process.StandardInput.WriteAsync(standardInput);
                process.StandardInput.Close();
            }
            using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(5));
            try
            {
                await process.WaitForExitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish in {timeout ?? TimeSpan.FromMinutes(5)}.");
            }
            return new Run(process.ExitCode, await output, await error);
        }
    }
}
