using KejiLive.Grains.Abstractions.Security;
using KejiLive.Grains.Abstractions.Storage;

namespace KejiLive.Storage.Tests;

/// <summary>An engine's report log store and audit store on one database, closed together.</summary>
public sealed class OpenedReportLog(IReportLogStore log, IAuditStore audit, Func<ValueTask> close) : IAsyncDisposable
{
    public IReportLogStore Log => log;

    public IAuditStore Audit => audit;

    public ValueTask DisposeAsync() => close();
}
