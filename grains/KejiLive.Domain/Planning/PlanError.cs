namespace KejiLive.Domain.Planning;

/// <summary>One problem in a plan file: which file, which target (when it is about one), which field (a JSON path such as
/// <c>targets[3].split[2].target</c>) and what is wrong.</summary>
public sealed record PlanError(string File, string? Target, string Field, string Message)
{
    public override string ToString() => Target is null
        ? $"{File}: {Field}: {Message}"
        : $"{File}: target '{Target}': {Field}: {Message}";
}
