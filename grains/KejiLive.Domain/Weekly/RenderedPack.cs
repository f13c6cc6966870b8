using System.Collections.Immutable;

namespace KejiLive.Domain.Weekly;

/// <summary>A pack as files: the HTML page, the workbook and the PNG charts by id (<see cref="ChartNames"/>).</summary>
public sealed record RenderedPack(string Html, byte[] Xlsx, ImmutableDictionary<string, byte[]> Charts);
