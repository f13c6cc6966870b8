namespace KejiLive.Grains.Abstractions.Alerts;

/// <summary>The answer to an acknowledgement or a close: the alert after it, or why it was refused (the field named as
/// the HTTP body names it), or that no alert has that id.</summary>
[GenerateSerializer, Alias("keji.alert-command-result")]
public sealed record AlertCommandResult
{
    [Id(0)] public AlertView? Alert { get; init; }
    [Id(1)] public string? Field { get; init; }
    [Id(2)] public string? Message { get; init; }
    [Id(3)] public bool NotFound { get; init; }
}
