using KejiLive.Grains.Abstractions.Messages;

namespace KejiLive.Grains.Tests;

/// <summary>Builds report submissions for tests.</summary>
internal static class Reports
{
    public static ReportSubmission Count(string id, string asOf, double value, bool correction = false, string? note = null) => new()
    {
        ReportId = id,
        AsOf = DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture),
        Value = value,
        Correction = correction,
        Note = note,
        SubmittedBy = "test",
        Source = "127.0.0.1",
    };
}
