using System.Text;

namespace KejiLive.Domain.Items;

/// <summary>The identity of an item across units: its registration number normalised (full-width to half-width,
/// upper case, spaces and dashes dropped), or, without a number, its normalised name. Two units listing the same key
/// claim the same item.</summary>
public static class ItemKeys
{
    /// <summary>Longest accepted name, in characters.</summary>
    public const int MaxNameLength = 200;

    /// <summary>Longest registration number after normalisation (统一社会信用代码 has 18).</summary>
    public const int MaxNumberLength = 40;

    /// <summary>The registration number as compared: NFKC (full-width ＡＢ１ → AB1), upper case, without whitespace and
    /// dashes. Null when nothing is left.</summary>
    public static string? NormalizeNumber(string? number)
    {
        if (string.IsNullOrWhiteSpace(number)) return null;
        var builder = new StringBuilder(number.Length);
        foreach (var c in number.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsWhiteSpace(c) || c is '-' or '‐' or '‑' or '–' or '—' or '_') continue;
            builder.Append(char.ToUpperInvariant(c));
        }
        return builder.Length == 0 ? null : builder.ToString();
    }

    /// <summary>The name as compared: NFKC, whitespace dropped.</summary>
    public static string NormalizeName(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormKC))
        {
            if (!char.IsWhiteSpace(c)) builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>The key of an item: <c>no:</c> + the normalised number, or <c>name:</c> + the normalised name.</summary>
    public static string Key(ItemInput item) =>
        NormalizeNumber(item.RegistrationNumber) is { } number ? "no:" + number : "name:" + NormalizeName(item.Name);

    /// <summary>Why an item cannot be kept, or null: a name is required; a number, when given, has only letters and
    /// digits after normalisation and at most <see cref="MaxNumberLength"/> of them.</summary>
    public static string? Problem(ItemInput item)
    {
        if (string.IsNullOrWhiteSpace(item.Name)) return "缺少名称";
        if (item.Name.Length > MaxNameLength) return $"名称不能超过 {MaxNameLength} 个字符";
        if (item.Name.Any(char.IsControl)) return "名称不能包含控制字符";
        if (NormalizeNumber(item.RegistrationNumber) is not { } number) return null;
        if (number.Length > MaxNumberLength) return $"登记号不能超过 {MaxNumberLength} 个字符";
        if (!number.All(c => c is >= 'A' and <= 'Z' or >= '0' and <= '9')) return "登记号只能包含字母和数字";
        return null;
    }
}
