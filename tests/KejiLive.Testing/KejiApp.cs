using System.Reflection;

namespace KejiLive.Testing;

/// <summary>The two KejiLive executables a test can start as a process.</summary>
public enum KejiApp
{
    /// <summary><c>silo/KejiLive.Silo</c>: the silo with the web side co-hosted.</summary>
    Silo,

    /// <summary><c>dashboard/KejiLive.Dashboard.Host</c>: the web side alone, an Orleans client of a silo's gateway.</summary>
    DashboardHost,
}

public static class KejiApps
{
    public static string AssemblyName(this KejiApp app) => app switch
    {
        KejiApp.Silo => "KejiLive.Silo",
        KejiApp.DashboardHost => "KejiLive.Dashboard.Host",
        _ => throw new ArgumentOutOfRangeException(nameof(app), app, null),
    };

    /// <summary>The built dll, in its own project's output folder (recorded by this library's build).</summary>
    public static string DllPath(this KejiApp app)
    {
        var key = "KejiExecutable:" + app.AssemblyName();
        var path = typeof(KejiApps).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == key)?.Value;
        if (path is null)
        {
            throw new InvalidOperationException($"KejiLive.Testing was built without the path of {app.AssemblyName()} (no '{key}' metadata).");
        }
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{app.AssemblyName()} is not built where the build said it would be: {path}", path);
        }
        return path;
    }
}
