namespace KejiLive.Dashboard.Hosting;

/// <summary>The plan file a process started with and its SHA-256, so a changed plan shows in the audit.</summary>
public sealed record PlanSource(string Path, string Sha256)
{
    public static PlanSource Of(string path) =>
        new(path, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))));
}
