using System.Collections.Immutable;

namespace KejiLive.Domain.Calendar;

/// <summary>Thrown when a holiday file is broken; the message lists every error ("file: field: problem"), one per line.</summary>
public sealed class HolidayFileException(ImmutableArray<string> errors)
    : Exception("The holiday file is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, errors))
{
    public ImmutableArray<string> Errors { get; } = errors;
}
