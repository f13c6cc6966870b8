using Microsoft.AspNetCore.Connections;

namespace KejiLive.Dashboard.Hosting;

/// <summary>The guard every KejiLive executable's composition root runs in: start-up input that cannot work ends the
/// process with one line on stderr and exit code <see cref="ExitCode"/>, never an unhandled exception (exit 134 with a
/// stack trace). Only the exceptions that mean "fix the input" are caught; anything else is a bug and stays loud.</summary>
public static class KejiStartup
{
    /// <summary>The exit code of a refused start (systemd's <c>RestartPreventExitStatus=2</c>: no restart loop).</summary>
    public const int ExitCode = 2;

    /// <summary>What every refusal starts with.</summary>
    public const string Prefix = "KejiLive will not start: ";

    /// <summary>Runs <paramref name="compose"/> (build, check, run the host; it returns the process exit code) and turns
    /// a <see cref="KejiStartupException"/>, or Kestrel finding its address taken after all, into one line on
    /// <paramref name="errors"/> and <see cref="ExitCode"/>.</summary>
    public static async Task<int> RunAsync(TextWriter errors, Func<Task<int>> compose)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(compose);
        try
        {
            return await compose();
        }
        catch (KejiStartupException e)
        {
            return Refuse(errors, e.Message);
        }
        catch (IOException e) when (e.InnerException is AddressInUseException)
        {
            // The ports were free when checked and taken before Kestrel bound them.
            return Refuse(errors, $"{e.Message} Change --urls (or stop the process that listens there).");
        }
    }

    /// <summary>Writes the one refusal line and returns <see cref="ExitCode"/>.</summary>
    public static int Refuse(TextWriter errors, string problem)
    {
        ArgumentNullException.ThrowIfNull(errors);
        errors.WriteLine(Prefix + problem.ReplaceLineEndings(" "));
        return ExitCode;
    }
}
