using System.Collections.Immutable;
using KejiLive.Domain.Planning;

namespace KejiLive.Domain.Progress;

/// <summary>What a report must satisfy before it is accepted.</summary>
public static class ReportRules
{
    /// <summary>Checks a draft against the plan and the clock (no history): required fields, known target and unit,
    /// the unit holds a share of the target, asOf inside the plan year and not after today (Asia/Shanghai), a finite,
    /// non-negative, not absurd value, ratio numerator/denominator. Empty when valid.</summary>
    public static ImmutableArray<FieldError> Validate(PlanDocument plan, ReportDraft draft, DateTimeOffset now) => throw new NotImplementedException();

    /// <summary>Checks an accepted-shape report against the unit's history: a cumulative value may not go down
    /// (nor exceed a later report's value) unless it is a correction. Null when acceptable.</summary>
    public static FieldError? CheckHistory(TargetDefinition target, IReadOnlyList<ReportEntry> history, ReportEntry candidate) => throw new NotImplementedException();
}
