using System.Collections.Immutable;
using KejiLive.Domain.Progress;

namespace KejiLive.Domain.WhatIf;

/// <summary>Either a computed proposal, or why it cannot be computed (each error names its field, in Chinese).</summary>
public sealed record WhatIfOutcome(WhatIfResult? Result, ImmutableArray<FieldError> Errors)
{
    public bool IsValid => Errors.IsDefaultOrEmpty;
}
