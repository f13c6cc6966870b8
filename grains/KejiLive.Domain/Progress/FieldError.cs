namespace KejiLive.Domain.Progress;

/// <summary>A refused input, naming the field (JSON name, e.g. <c>value</c> or <c>[2].asOf</c>) and why.</summary>
public sealed record FieldError(string Field, string Message);
