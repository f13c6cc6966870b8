using System.Text.Json;

namespace KejiLive.Dashboard.Ingest;

/// <summary>Reads a JSON string value that may be hostile: <c>"\ud800"</c> is valid JSON syntax but an unpaired
/// surrogate, which <see cref="JsonElement.GetString"/> refuses by throwing. Here it is an ordinary invalid value.</summary>
public static class JsonText
{
    /// <summary>The string, or null with <paramref name="error"/> set when the text holds an unpaired surrogate.</summary>
    public static string? Read(JsonElement value, string field, out string? error)
    {
        error = null;
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            error = $"{field} 含有无效的 Unicode 字符（不成对的代理项，如 \\ud800）。";
            return null;
        }
    }
}
