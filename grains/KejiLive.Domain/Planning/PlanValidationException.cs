using System.Collections.Immutable;

namespace KejiLive.Domain.Planning;

/// <summary>Thrown when a plan file is broken; the message lists every error, one per line.</summary>
public sealed class PlanValidationException(ImmutableArray<PlanError> errors)
    : Exception("The plan is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, errors))
{
    public ImmutableArray<PlanError> Errors { get; } = errors;
}
