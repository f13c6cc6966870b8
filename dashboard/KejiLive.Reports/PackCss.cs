namespace KejiLive.Reports;

/// <summary>The pack's stylesheet: readable when projected, A4 when printed (page breaks per unit page, table heads
/// repeated on every printed page, rows never split, colours kept).</summary>
internal static class PackCss
{
    public const string Text = """
        :root { --red:#d93025; --yellow:#e6a700; --green:#1e8e3e; --grey:#9e9e9e; --line:#c9d1da; --head:#eef2f6; }
        * { box-sizing: border-box; }
        body { font-family: "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; color:#1b1f24;
               margin: 0 auto; max-width: 1280px; padding: 24px; font-size: 16px; line-height: 1.5;
               -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        h1 { font-size: 28px; margin: 8px 0 4px; }
        h2 { font-size: 22px; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 3px solid #1f5fa8; }
        h3 { font-size: 18px; margin: 18px 0 8px; }
        .meta { color:#4a5561; margin: 0 0 6px; }
        .sample { background:#fff4d6; border:1px solid #e6a700; color:#7a5200; padding:6px 10px; margin: 8px 0; font-weight:bold; }
        .preview { background:#fde8e6; border:1px solid var(--red); color:#8c1d16; padding:6px 10px; margin: 8px 0; font-weight:bold; }
        table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; font-size: 14px; }
        th, td { border: 1px solid var(--line); padding: 4px 6px; vertical-align: top; }
        th { background: var(--head); font-weight: bold; text-align: center; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        td.c { text-align: center; white-space: nowrap; }
        td.neg { color: var(--red); }
        tr.group td { background:#f7f9fb; font-weight:bold; }
        tr.omitted td { text-align: center; color:#4a5561; background:#f7f9fb; }
        table.counts { width: auto; min-width: 40%; }
        .dot { display:inline-block; width: 0.8em; height: 0.8em; border-radius: 50%; margin-right: 4px; vertical-align: -0.05em; }
        .red .dot { background: var(--red); } .yellow .dot { background: var(--yellow); }
        .green .dot { background: var(--green); } .grey .dot { background: var(--grey); }
        td.red { color: var(--red); font-weight: bold; } td.yellow { color: #a67800; font-weight: bold; }
        .flag { color: var(--red); font-weight: bold; }
        .review { display:inline-block; font-size: 0.8em; line-height: 1.2; padding: 0 4px; border: 1px solid #a67800; border-radius: 3px;
                  color: #7a5200; background: #fff4d6; white-space: nowrap; }
        .none { color:#4a5561; font-style: italic; }
        .rule { color:#4a5561; font-size: 13px; margin: 0 0 8px; }
        .unanswered { color: var(--red); font-weight: bold; }
        .typed { white-space: pre-wrap; word-break: break-word; }
        td.c .why { white-space: normal; font-weight: normal; color: #4a5561; font-size: 0.8em; line-height: 1.3; text-align: left;
                    min-width: 8em; max-width: 13em; margin-top: 2px; }
        figure { margin: 8px 0 14px; }
        figure img { display:block; width: 100%; height: auto; border: 1px solid #e3e7eb; }
        .charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(560px, 1fr)); gap: 10px; }
        .charts figure { margin: 0; }
        .charts figure.wide { grid-column: 1 / -1; }
        .toc a { color: #1f5fa8; text-decoration: none; margin-right: 10px; white-space: nowrap; }
        @media screen and (min-width: 1600px) { body { font-size: 18px; max-width: 1560px; } table { font-size: 16px; } }
        @page { size: A4; margin: 12mm 10mm 14mm; }
        @media print {
          body { max-width: none; padding: 0; font-size: 11pt; }
          h1 { font-size: 18pt; } h2 { font-size: 14pt; margin-top: 12pt; } h3 { font-size: 12pt; }
          table { font-size: 9pt; }
          thead { display: table-header-group; }
          tr, figure, img { break-inside: avoid; page-break-inside: avoid; }
          h2, h3 { break-after: avoid; page-break-after: avoid; }
          .unit, .appendix { break-before: page; page-break-before: always; }
          .charts { grid-template-columns: 1fr 1fr; gap: 3mm; }
          .charts figure.wide { max-width: 75%; }
          .toc { display: none; }
          a { color: inherit; text-decoration: none; }
        }
        """;
}
