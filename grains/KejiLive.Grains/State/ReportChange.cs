using KejiLive.Domain.Progress;

namespace KejiLive.Grains.State;

/// <summary>What a target grain decided to change and has not committed yet: reports added after the stored ones, and
/// earlier reports whose marks changed (settled, confirmed, sent back). The grain's own lists stay as they are until the
/// commit returned (write, then apply), and deciding a report costs no copy of the history.</summary>
internal sealed class ReportChange
{
    /// <summary>No report changes (a commit of the summary or the audit trail alone).</summary>
    public static ReportChange None => new();

    /// <summary>Reports placed after the stored ones, in order, with their domain entries.</summary>
    public List<(StoredReport Stored, ReportEntry Entry)> Added { get; } = [];

    /// <summary>Stored reports replaced, by position (in position order); null while none is (a new report changes
    /// none unless it settles a 待核实 mark, so the dictionary is made only then).</summary>
    public SortedDictionary<int, (StoredReport Stored, ReportEntry Entry)>? Changed { get; private set; }

    public void Add(StoredReport stored, ReportEntry entry) => Added.Add((stored, entry));

    /// <summary>Replaces position <paramref name="index"/> of the state as it would be: a stored report, or one added by
    /// this change.</summary>
    public void Change(int index, StoredReport stored, ReportEntry entry, int storedCount = int.MaxValue)
    {
        if (index >= storedCount) Added[index - storedCount] = (stored, entry);
        else (Changed ??= [])[index] = (stored, entry);
    }

    /// <summary>The report at <paramref name="index"/> of the state as it would be.</summary>
    public StoredReport Stored(IReadOnlyList<StoredReport> reports, int index) =>
        index >= reports.Count ? Added[index - reports.Count].Stored
        : Changed is not null && Changed.TryGetValue(index, out var changed) ? changed.Stored : reports[index];

    /// <summary>The entry at <paramref name="index"/> of the state as it would be.</summary>
    public ReportEntry Entry(IReadOnlyList<ReportEntry> entries, int index) =>
        index >= entries.Count ? Added[index - entries.Count].Entry
        : Changed is not null && Changed.TryGetValue(index, out var changed) ? changed.Entry : entries[index];

    /// <summary>Every entry of the state as it would be, in order (read lazily).</summary>
    public IEnumerable<ReportEntry> Entries(IReadOnlyList<ReportEntry> entries)
    {
        var count = entries.Count + Added.Count;
        for (var i = 0; i < count; i++) yield return Entry(entries, i);
    }
}
