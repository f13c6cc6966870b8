namespace KejiLive.Grains;

/// <summary>Names of the grain storage providers the grains use; the host registers a provider under each.</summary>
public static class StorageNames
{
    /// <summary>Target states: reports and judged lights.</summary>
    public const string Keji = "keji";
}
