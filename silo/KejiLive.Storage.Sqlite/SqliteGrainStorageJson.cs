using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;

namespace KejiLive.Storage.Sqlite;

/// <summary>
/// The JSON contract of stored grain state.
/// </summary>
/// <remarks>
/// State is serialised as the <c>T</c> the grain declares, with no type metadata: Orleans' default storage
/// serializer writes <c>"$type": "Ns.Type, Assembly"</c>, so renaming a state type, its namespace or assembly makes old
/// rows unreadable. Here the stored JSON only carries property names, so a rename of the CLR type is free; renaming a
/// property is a data migration (or a <see cref="JsonPropertyNameAttribute"/> keeping the old name).
/// Reading is tolerant so that rows written by older builds keep loading: unknown properties are skipped, missing ones
/// get their default (constructor parameter defaults for records), property names match case-insensitively.
/// </remarks>
public static class SqliteGrainStorageJson
{
    /// <summary>
    /// Creates the default options: web defaults (camelCase names, case-insensitive reading, numbers readable from
    /// strings), computed properties left out, non-ASCII text unescaped, enums as camelCase strings (integers still accepted on read), NaN/Infinity allowed so a metric that
    /// goes NaN cannot make a grain's write fail, and an explicit reflection resolver that callers can combine with
    /// source-generated contexts. A new instance each call: callers may add converters.
    /// </summary>
    public static JsonSerializerOptions CreateDefaultOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { SkipUnreadable } },
            // Chinese text (unit names, notes, 督办 titles) stored as UTF-8, not as \uXXXX escapes twice its size.
            Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
            WriteIndented = false,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: true));
        return options;
    }

    /// <summary>
    /// Leaves out what reading could never set: a property with a getter only and no constructor parameter of its name
    /// is computed from the rest (an alert's <c>IsLive</c>, a track's <c>Kept</c>, the alerts listed again from their
    /// tracks). Writing such properties made an alert state several times its size and was rewritten with every
    /// change; rows written with them still load (unknown properties are skipped).
    /// </summary>
    private static void SkipUnreadable(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object) return;
        foreach (var property in info.Properties)
        {
            if (property.Set is null && property.AssociatedParameter is null) property.ShouldSerialize = static (_, _) => false;
        }
    }
}
