using System.Globalization;
using System.Text;

namespace PerfPlatform.ServiceDefaults.Errors;

/// <summary>
/// How a message repeats a value the caller sent: between 「」, whole when short, otherwise its first characters and its
/// length, so that a wrong value of any size reads as what it is and the message stays small (an error travels in
/// HTTP/2 headers). Control and formatting characters (a line break, a right-to-left override) are shown escaped.
/// </summary>
public static class Quote
{
    public const int ShownCharacters = 30;

    /// <summary>"「abc」", or "「县县县…」（共 20000 个字符）" for a long value (its first 30 characters shown).</summary>
    public static string Of(string? value)
    {
        value ??= "";
        var shown = Cut(value, ShownCharacters);
        var quoted = $"「{Escaped(shown)}{(shown.Length < value.Length ? "…" : "")}」";
        return shown.Length < value.Length ? $"{quoted}（共 {value.Length} 个字符）" : quoted;
    }

    /// <summary>The first characters of a text, never more than <paramref name="max"/> and never half a surrogate pair.</summary>
    public static string Cut(string text, int max) =>
        text.Length <= max ? text : text[..(char.IsHighSurrogate(text[max - 1]) ? max - 1 : max)];

    private static string Escaped(string text)
    {
        if (!text.Any(IsHidden)) return text;
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
            builder.Append(IsHidden(c) ? $"\\u{(int)c:X4}" : c);
        return builder.ToString();
    }

    private static bool IsHidden(char c) =>
        char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format;
}
