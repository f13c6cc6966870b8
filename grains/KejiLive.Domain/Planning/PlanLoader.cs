namespace KejiLive.Domain.Planning;

/// <summary>Reads and validates a plan file (format: silo/plans/README.md). Throws <see cref="PlanValidationException"/>
/// listing every error; a broken plan is never half-loaded.</summary>
public static class PlanLoader
{
    public static PlanDocument LoadFile(string path) => Parse(File.ReadAllText(path), Path.GetFileName(path));

    public static PlanDocument Parse(string json, string fileName) => throw new NotImplementedException();
}
