namespace KejiLive.Reports;

/// <summary>Where the charts' font came from.</summary>
public enum ChartFontSource
{
    /// <summary>The Noto Sans SC files shipped beside the binaries.</summary>
    Bundled,

    /// <summary>A CJK family installed on the machine (the bundled files were missing).</summary>
    System,

    /// <summary>No font that draws Chinese: charts render, Chinese text shows as boxes.</summary>
    None,
}
